// Suggests published FAQ answers while a member types the subject of a new request (portal → Ask a new question).
// The subject field names the endpoint in data-faq-suggest; the list goes into #faq-suggestions, whose data-heading and
// data-helped carry the page's texts in the member's language. Each answer links to its place on the help page, and
// "This answered my question" posts the help page's own form for that answer (it counts the deflection there), with
// this page's antiforgery token. Without JavaScript nothing is suggested and the form works as it is.
(() => {
  const field = document.querySelector('[data-faq-suggest]');
  const box = document.getElementById('faq-suggestions');
  if (!field || !box) return;
  const token = field.form?.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
  let timer = 0;
  let asked = '';

  // The help page's form lives outside the request form (forms must not nest); the button names it with form=.
  function helpedButton(id) {
    const form = document.createElement('form');
    form.id = 'faq-helped-' + id;
    form.method = 'post';
    form.action = '/portal/help';
    form.hidden = true;
    for (const [name, value] of [['_handler', 'helped-' + id], ['__RequestVerificationToken', token]]) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.getElementById(form.id)?.remove();
    document.body.append(form);
    const button = document.createElement('button');
    button.type = 'submit';
    button.className = 'small';
    button.setAttribute('form', form.id);
    button.textContent = box.dataset.helped;
    return button;
  }

  function show(answers) {
    box.replaceChildren();
    box.hidden = answers.length === 0;
    if (answers.length === 0) return;
    const heading = document.createElement('p');
    heading.textContent = box.dataset.heading;
    const list = document.createElement('ul');
    for (const answer of answers) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = answer.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = answer.title;
      item.append(link, ' ', helpedButton(answer.id));
      list.append(item);
    }
    box.append(heading, list);
  }

  async function ask() {
    const q = field.value.trim();
    if (q === asked) return;
    asked = q;
    if (q.length < 3) return show([]);
    try {
      const response = await fetch(field.dataset.faqSuggest + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (response.ok && q === asked) show(await response.json());
    } catch {
      // Suggestions are a help, not a step: when they fail, the member simply writes the request.
    }
  }

  field.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
})();
