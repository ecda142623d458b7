// Keeps a part of the page current while background work runs (an import, a bulk update), without reloading the
// whole page under the reader: every few seconds it fetches a fresh copy of the page and swaps in the elements
// marked data-live (by id). It stops once the fresh copy no longer marks them, i.e. the work is finished.
// data-live="3000" sets the interval in ms; data-live-src the address to fetch (default: this page).
(() => {
  const first = document.querySelector('[data-live]');
  if (!first) return;
  const every = Number(first.dataset.live) || 3000;
  const source = first.dataset.liveSrc || location.href;
  const schedule = () => setTimeout(tick, every);
  async function tick() {
    try {
      const response = await fetch(source, { credentials: 'same-origin' });
      if (!response.ok) return schedule();
      const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
      let running = false;
      for (const element of document.querySelectorAll('[data-live]')) {
        const next = fresh.getElementById(element.id);
        if (!next) continue;
        element.replaceWith(document.importNode(next, true));
        if (next.hasAttribute('data-live')) running = true;
      }
      if (running) schedule();
    } catch {
      schedule();
    }
  }
  schedule();
})();
