import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/connection-picker/lf-connection-picker.js';
import type { LfConnectionPicker } from '../../src/elements/connection-picker/connection-picker.js';
import { inkFor } from '../../src/elements/shared/logo.js';

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('placeholder logo letters', () => {
  it('are black on light brand colours and white on dark ones', () => {
    expect(inkFor('#ffeb3b')).to.equal('#000000');
    expect(inkFor('#fff')).to.equal('#000000');
    expect(inkFor('#c8001a')).to.equal('#ffffff');
    expect(inkFor('#111827')).to.equal('#ffffff');
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`read at 4.5:1 or better on every brand colour in the ${theme} theme`, async () => {
      const colors = ['#c8001a', '#258717', '#ffeb3b', '#0ea5e9', '#6d28d9', '#f97316'];
      const el = await fixture<LfConnectionPicker>(
        html`<lf-connection-picker
          theme=${theme}
          .integrations=${colors.map((color, i) => ({
            key: `k${i}`,
            name: `Brand ${i}`,
            color,
            categories: [],
            enabled: true,
            beta: false,
          }))}
        ></lf-connection-picker>`,
      );
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      const placeholders = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="placeholder"]')];
      expect(placeholders.length).to.equal(colors.length);
      for (const placeholder of placeholders) {
        const style = getComputedStyle(placeholder);
        expect(contrast(style.color, style.backgroundColor), style.backgroundColor).to.be.at.least(4.5);
      }
    });
  }
});
