// Shows on the staff ticket page who else has the ticket open and who is typing a reply (Support/Presence). Every 10 s,
// and at once when typing starts, it posts this page's state ("viewing", or "typing" while a key went into the reply
// within the last 8 s) to the element's data-presence address with the page's antiforgery token, and lists the others
// the answer names. Names are put in with textContent only, never as HTML. Without JavaScript the list shows who was
// there when the page was loaded.
(() => {
  const box = document.querySelector('[data-presence]');
  if (!box) return;
  const list = box.querySelector('ul');
  const field = document.getElementById(box.dataset.typingField);
  const token = box.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  const every = 10000;
  const typingFor = 8000;
  let lastKey = 0;
  let reportedTyping = false;
  let timer = 0;

  function show(people) {
    list.replaceChildren(...people.map(person => {
      const item = document.createElement('li');
      item.dataset.state = person.state;
      item.textContent = person.text;
      return item;
    }));
  }

  async function beat() {
    clearTimeout(timer);
    reportedTyping = Date.now() - lastKey < typingFor;
    try {
      const body = new URLSearchParams({ state: reportedTyping ? 'typing' : 'viewing', __RequestVerificationToken: token });
      const response = await fetch(box.dataset.presence, { method: 'POST', credentials: 'same-origin', body });
      if (response.ok) show(await response.json());
    } catch {
      // Presence is a courtesy: when a beat fails, the next one tries again.
    }
    timer = setTimeout(beat, every);
  }

  field?.addEventListener('input', () => {
    lastKey = Date.now();
    if (!reportedTyping) beat();
  });
  timer = setTimeout(beat, every);
})();
