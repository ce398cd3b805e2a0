// Number and date formatting. Korean won amounts use 조/억/만 units in the Korean UI (e.g. 1억 2,345만원),
// and a compact "₩123.5M" style in English.

export type Lang = 'ko' | 'en';

const EOK = 100_000_000; // 억 = 10^8
const MAN = 10_000; // 만 = 10^4
const JO = 1_000_000_000_000; // 조 = 10^12

// Intl.NumberFormat instances are costly to create (toLocaleString makes one per call): keep one per style.
const formats = new Map<string, Intl.NumberFormat>();
function nf(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max });
    formats.set(key, f);
  }
  return f;
}
const group = (n: number): string => nf(0, 0).format(Math.trunc(n));

/**
 * Korean unit notation of a won amount, rounded to the nearest 만 when the amount is 1억 or more:
 * 123_456_789 → "1억 2,346만원"; 50_000 → "5만원"; 1_234 → "1,234원"; 2.5e12 → "2조 5,000억원".
 */
export function formatKrwKorean(value: number, opts: { suffix?: boolean } = {}): string {
  const suffix = opts.suffix === false ? '' : '원';
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  let abs = Math.abs(value);
  if (abs < MAN) return `${sign}${group(Math.round(abs))}${suffix}`;
  if (abs >= EOK) abs = Math.round(abs / MAN) * MAN; // keep 만 precision above 1억
  else abs = Math.round(abs);
  const jo = Math.floor(abs / JO);
  const eok = Math.floor((abs % JO) / EOK);
  const man = Math.floor((abs % EOK) / MAN);
  const won = abs % MAN;
  const parts: string[] = [];
  if (jo) parts.push(`${group(jo)}조`);
  if (eok) parts.push(`${group(eok)}억`);
  if (man) parts.push(`${group(man)}만`);
  if (won && !jo && !eok) parts.push(group(won));
  return `${sign}${parts.join(' ')}${suffix}`;
}

/** Compact Korean notation for axes and cards: 1.23억, 4,500만, 3.1조. */
export function formatKrwCompact(value: number, lang: Lang = 'ko'): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (lang === 'en') {
    if (abs >= 1e12) return `${sign}₩${trim(abs / 1e12)}T`;
    if (abs >= 1e9) return `${sign}₩${trim(abs / 1e9)}B`;
    if (abs >= 1e6) return `${sign}₩${trim(abs / 1e6)}M`;
    if (abs >= 1e3) return `${sign}₩${trim(abs / 1e3)}K`;
    return `${sign}₩${group(abs)}`;
  }
  if (abs >= JO) return `${sign}${trim(abs / JO)}조`;
  if (abs >= EOK) return `${sign}${trim(abs / EOK)}억`;
  if (abs >= MAN) return `${sign}${group(Math.round(abs / MAN))}만`;
  return `${sign}${group(abs)}`;
}

function trim(v: number): string {
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return nf(0, digits).format(Number(v.toFixed(digits)));
}

/** A money amount in the market's currency: KRW in 억/만 (Korean UI) or grouped won, others with 2 decimals. */
export function formatMoney(value: number | null | undefined, currency = 'KRW', lang: Lang = 'ko'): string {
  if (value == null || !Number.isFinite(value)) return '—';
  if (currency === 'KRW') return lang === 'ko' ? formatKrwKorean(value) : `₩${group(Math.round(value))}`;
  const symbol = currency === 'USD' ? '$' : '';
  return `${value < 0 ? '-' : ''}${symbol}${nf(2, 2).format(Math.abs(value))}${symbol ? '' : ' ' + currency}`;
}

export function formatPct(value: number | null | undefined, digits = 2, signed = false): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const s = nf(digits, digits).format(value);
  return `${signed && value > 0 ? '+' : ''}${s}%`;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return nf(0, digits).format(value);
}

export function formatQty(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  return nf(0, 4).format(value);
}

/** Duration in seconds as "1m 05s" / "42s" / "1h 02m". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatDateTime(iso: string | null | undefined, lang: Lang = 'ko'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-US', {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}

/** CSS class for a signed value: Korean convention is red up / blue down; English green up / red down. */
export function signClass(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value) || value === 0) return '';
  return value > 0 ? 'up' : 'down';
}
