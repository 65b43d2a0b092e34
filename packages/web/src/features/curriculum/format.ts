/** A share as a percentage with one decimal, as the coverage figures are read (0.4222 → "42.2 %"). */
export const percent = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;

/** Hours to two decimals at most (a requirement's hours are the level's hours split evenly). */
export const hours = (x: number) => String(Math.round(x * 100) / 100);

/** Text for HTML (ECharts tooltips are HTML; titles come from the data). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
