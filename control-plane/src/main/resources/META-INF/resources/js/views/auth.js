// Login and signup pages. Signup logs the new account straight in.
import { api, ssoAvailable } from '../api.js';
import { h, mount } from '../dom.js';

function field(label, input) {
  return h('label', { class: 'field' }, h('span', null, label), input);
}

function errorBox() {
  return h('p', { class: 'error', role: 'alert', hidden: true });
}

function showError(box, message) {
  box.textContent = message;
  box.hidden = false;
}

async function signIn(context, email, password) {
  await api.login(email, password);
  context.signedIn(await api.account());
  context.navigate('/apps', { replace: true });
}

function authCard(title, form, footer) {
  return h('section', { class: 'card auth' }, h('h1', null, title), form, footer);
}

/** Email + password form; `submit` runs with both values and shows any error in the form. */
function credentialsForm({ id, button, passwordAutocomplete, submit }) {
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'username', autofocus: true });
  const password = h('input', { type: 'password', name: 'password', required: true,
    autocomplete: passwordAutocomplete });
  const error = errorBox();
  const go = h('button', { type: 'submit', class: 'button primary' }, button);
  const form = h('form', { id, novalidate: false },
    field('Email', email), field('Password', password), error, go);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    error.hidden = true;
    go.disabled = true;
    try {
      await submit(email.value.trim(), password.value);
    } catch (e) {
      showError(error, e.message);
      go.disabled = false;
    }
  });
  return form;
}

export function loginPage(view, context) {
  const sso = h('div', { class: 'sso', hidden: true },
    h('div', { class: 'divider' }, 'or'),
    h('a', { class: 'button', href: '/api/v1/oidc/login', id: 'sso-login' }, 'Log in with SSO'));
  const form = credentialsForm({
    id: 'login-form', button: 'Log in', passwordAutocomplete: 'current-password',
    submit: (email, password) => signIn(context, email, password),
  });
  mount(view, authCard('Log in to Reparse', [form, sso],
    h('p', { class: 'muted' }, 'No account yet? ', h('a', { href: '/signup', 'data-nav': true }, 'Create one'))));
  ssoAvailable().then(available => {
    sso.hidden = !available;
  });
}

export function signupPage(view, context) {
  const form = credentialsForm({
    id: 'signup-form', button: 'Create account', passwordAutocomplete: 'new-password',
    submit: async (email, password) => {
      await api.signup(email, password);
      await signIn(context, email, password);
    },
  });
  mount(view, authCard('Create your Reparse account', form,
    h('p', { class: 'muted' }, 'Already have an account? ', h('a', { href: '/login', 'data-nav': true }, 'Log in'))));
}
