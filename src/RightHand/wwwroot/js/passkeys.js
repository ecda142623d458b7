// The browser's half of a passkey ceremony (the server's half is Access/PasskeyEndpoints.cs).
// A form with data-passkey="create" or "get" stays an ordinary server-rendered form: on submit this
// asks data-passkey-options for the WebAuthn options (POST, with the form's antiforgery token in a
// header), lets the browser create or use the passkey, puts the credential as JSON into the form's
// hidden "….Credential" field and submits the form for real. Browsers without passkey support keep
// these forms hidden, so nobody meets a button that cannot work.
(() => {
    'use strict';
    const supported = !!(window.PublicKeyCredential
        && PublicKeyCredential.parseCreationOptionsFromJSON && PublicKeyCredential.parseRequestOptionsFromJSON);

    const forms = () => document.querySelectorAll('form[data-passkey]');

    async function fetchOptions(form) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
        const response = await fetch(form.dataset.passkeyOptions, {
            method: 'POST', credentials: 'same-origin', headers: { RequestVerificationToken: token },
        });
        if (!response.ok) throw new Error(`passkey options: HTTP ${response.status}`);
        return response.json();
    }

    async function ceremony(form) {
        const options = await fetchOptions(form);
        return form.dataset.passkey === 'create'
            ? navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
            : navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    }

    document.addEventListener('DOMContentLoaded', () => {
        if (!supported) return;
        for (const form of forms()) form.hidden = false;
    });

    document.addEventListener('submit', async (event) => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.dataset.passkey) return;
        const field = form.querySelector('input[name$=".Credential"]');
        if (!field || field.value) return; // filled by us: this is the real submit
        event.preventDefault();
        const error = form.querySelector('[data-passkey-error]');
        if (error) error.hidden = true;
        try {
            const credential = await ceremony(form);
            field.value = JSON.stringify(credential);
            form.submit();
        } catch (e) {
            // Cancelled by the person, timed out, or no matching passkey: say so, keep the page.
            console.warn(e);
            if (error) error.hidden = false;
        }
    });
})();
