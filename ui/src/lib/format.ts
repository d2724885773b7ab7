// Display formats: money with thousands separators and two decimals; dates as given.
export function money(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const [int, frac = '00'] = value.split('.');
  const negative = int.startsWith('-');
  const digits = negative ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${frac.padEnd(2, '0').slice(0, 2)}`;
}

export function rate(value: string): string {
  const n = Number(value);
  if (!isFinite(n)) return value;
  return `${+(n * 100).toFixed(4)}%`;
}
