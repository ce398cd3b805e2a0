import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { backtests, catalogue, strategies, type NewBacktest } from './endpoints';

/** Starts a backtest and goes to its run page (or straight to the result when it came from the cache). */
export function useRunBacktest() {
  const navigate = useNavigate();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (req: NewBacktest) => backtests.create(req),
    onSuccess: (b) => {
      void qc.invalidateQueries({ queryKey: ['backtests'] });
      navigate(b.status === 'COMPLETED' ? `/backtests/${b.id}` : `/backtests/${b.id}/run`);
    },
  });
}

export const useFactors = () => useQuery({ queryKey: ['factors'], queryFn: catalogue.factors, staleTime: Infinity });
export const useDatasets = () => useQuery({ queryKey: ['datasets'], queryFn: catalogue.datasets, staleTime: 5 * 60_000 });
export const useTemplates = () => useQuery({ queryKey: ['templates'], queryFn: strategies.templates, staleTime: 60_000 });
export const useMyStrategies = () => useQuery({ queryKey: ['strategies', 'mine'], queryFn: () => strategies.mine() });
