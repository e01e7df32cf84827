// ROC and PR curves as CSV rows and as one SVG with two panels (web standards only: strings out).
import { curve } from './metrics.ts';

export interface NamedScores {
  name: string;
  scores: ArrayLike<number>;
}

export function curvesCsv(labels: ArrayLike<number>, scorers: NamedScores[]): string {
  const out = ['scorer,threshold,fpr,tpr,precision,recall'];
  for (const s of scorers)
    for (const p of curve(s.scores, labels))
      out.push([s.name, p.threshold, p.fpr, p.tpr, p.precision, p.recall].map((v) => String(v)).join(','));
  return `${out.join('\n')}\n`;
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e'];
const SIZE = 320;
const PAD = 40;

/** Two panels (ROC: FPR → TPR; PR: recall → precision), one polyline per scorer, at most ~400 points each. */
export function curvesSvg(labels: ArrayLike<number>, scorers: NamedScores[], title: string): string {
  const panel = (
    ox: number,
    name: string,
    xl: string,
    yl: string,
    pts: (s: NamedScores) => Array<[number, number]>,
  ) => {
    const px = (v: number) => ox + PAD + v * SIZE;
    const py = (v: number) => PAD + (1 - v) * SIZE;
    const lines = scorers.map((s, i) => {
      const all = pts(s);
      const step = Math.max(1, Math.floor(all.length / 400));
      const kept = all.filter((_, j) => j % step === 0 || j === all.length - 1);
      const d = kept.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.5" points="${d}"/>`;
    });
    return [
      `<rect x="${ox + PAD}" y="${PAD}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#888"/>`,
      `<text x="${ox + PAD + SIZE / 2}" y="${PAD - 8}" text-anchor="middle">${name}</text>`,
      `<text x="${ox + PAD + SIZE / 2}" y="${PAD + SIZE + 28}" text-anchor="middle">${xl}</text>`,
      `<text x="${ox + 14}" y="${PAD + SIZE / 2}" transform="rotate(-90 ${ox + 14} ${PAD + SIZE / 2})" text-anchor="middle">${yl}</text>`,
      ...lines,
    ].join('\n');
  };
  const roc = (s: NamedScores): Array<[number, number]> => [
    [0, 0],
    ...curve(s.scores, labels).map((p): [number, number] => [p.fpr, p.tpr]),
  ];
  const pr = (s: NamedScores) => curve(s.scores, labels).map((p): [number, number] => [p.recall, p.precision]);
  const legend = scorers.map(
    (s, i) =>
      `<text x="${PAD + 10}" y="${PAD + SIZE + 50 + i * 16}" fill="${COLOURS[i % COLOURS.length]}">${escape(s.name)}</text>`,
  );
  const w = 2 * (SIZE + 2 * PAD);
  const h = SIZE + 2 * PAD + 30 + scorers.length * 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">`,
    `<title>${escape(title)}</title>`,
    panel(0, 'ROC', 'false positive rate', 'true positive rate', roc),
    panel(SIZE + 2 * PAD, 'Precision-recall', 'recall', 'precision', pr),
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function escape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
