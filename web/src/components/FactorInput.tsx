import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Factor } from '../api/endpoints';

/** The identifier being typed at the end of the text, for completion inside expressions. */
export function trailingToken(text: string): string {
  return /[A-Za-z_][A-Za-z0-9_]*$/.exec(text)?.[0] ?? '';
}

export function suggest(factors: Factor[], token: string, limit = 12): Factor[] {
  const q = token.toLowerCase();
  if (!q) return [];
  const starts = factors.filter((f) => f.id.startsWith(q));
  const contains = factors.filter((f) => !f.id.startsWith(q) && (f.id.includes(q) || f.name.toLowerCase().includes(q)));
  return [...starts, ...contains].slice(0, limit);
}

/** A text input with factor autocomplete (ids and names from /api/v1/factors); Enter or click inserts the id. */
export function FactorInput({ value, onChange, onBlur, factors, label, error, placeholder, name, testId }: {
  value: string; onChange: (v: string) => void; onBlur?: () => void; factors: Factor[]; label: string; error?: string; placeholder?: string; name?: string; testId?: string;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const token = trailingToken(value);
  const options = useMemo(() => (open ? suggest(factors, token) : []), [open, factors, token]);
  const exact = options.length === 1 && options[0]!.id === token;
  const pick = (f: Factor) => {
    onChange(value.slice(0, value.length - token.length) + f.id);
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!options.length || exact) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => (a + 1) % options.length); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => (a - 1 + options.length) % options.length); }
    else if (e.key === 'Enter' || e.key === 'Tab') { if (options[active]) { e.preventDefault(); pick(options[active]!); } }
    else if (e.key === 'Escape') setOpen(false);
  };
  return (
    <div className={`combo ${error ? 'has-error' : ''}`}>
      <input
        aria-label={label} name={name} value={value} placeholder={placeholder} autoComplete="off" spellCheck={false}
        role="combobox" aria-expanded={options.length > 0 && !exact} aria-controls={`${id}-list`} aria-autocomplete="list" aria-invalid={error ? true : undefined}
        data-testid={testId}
        onChange={(e) => { onChange(e.target.value); setOpen(true); setActive(0); }}
        onFocus={() => setOpen(true)}
        onBlur={() => { setTimeout(() => setOpen(false), 150); onBlur?.(); }}
        onKeyDown={onKey}
      />
      {options.length > 0 && !exact && (
        <ul className="combo-list" id={`${id}-list`} role="listbox">
          {options.map((f, i) => (
            <li key={f.id} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={(e) => { e.preventDefault(); pick(f); }}>
              <code>{f.id}</code> <span className="muted">{f.name}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
