// The console's shell: session check, header, and History-API routing between the pages. The control plane
// answers /login, /signup, /apps and /apps/<id> with index.html, so every page has a real URL (apps' dashboardURL).
import { api, whenUnauthorized } from './api.js';
import { h, mount } from './dom.js';
import { loginPage, signupPage } from './views/auth.js';
import { appsPage } from './views/apps.js';
import { appPage } from './views/app.js';

const root = document.getElementById('app');
const header = document.getElementById('account');
let account = null;
let cleanup = () => {};

/** Goes to a console path without reloading, as links do. */
export function navigate(path, { replace = false } = {}) {
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  render();
}

const context = {
  navigate,
  get account() {
    return account;
  },
  signedIn(newAccount) {
    account = newAccount;
    renderHeader();
  },
};

function route(path) {
  const appMatch = path.match(/^\/apps\/([^/]+)\/?$/);
  if (appMatch) {
    return { page: appPage, needsAccount: true, params: { id: decodeURIComponent(appMatch[1]) } };
  }
  if (path === '/login') {
    return { page: loginPage, needsAccount: false };
  }
  if (path === '/signup') {
    return { page: signupPage, needsAccount: false };
  }
  return { page: appsPage, needsAccount: true, params: {} };
}

async function render() {
  cleanup();
  cleanup = () => {};
  const { page, needsAccount, params } = route(location.pathname);
  if (needsAccount && !account) {
    navigate('/login', { replace: true });
    return;
  }
  if (!needsAccount && account) {
    navigate('/apps', { replace: true });
    return;
  }
  const view = h('div', { class: 'view' });
  mount(root, view);
  const stop = await page(view, context, params || {});
  cleanup = typeof stop === 'function' ? stop : () => {};
}

function renderHeader() {
  if (!account) {
    mount(header);
    return;
  }
  mount(header,
    h('span', { class: 'account-email', title: 'Signed in' }, account.email),
    h('button', { type: 'button', class: 'button ghost', id: 'logout', onclick: logout }, 'Log out'));
}

async function logout() {
  try {
    await api.logout();
  } finally {
    account = null;
    renderHeader();
    navigate('/login');
  }
}

document.addEventListener('click', event => {
  const link = event.target.closest('a[data-nav]');
  if (link && !event.defaultPrevented && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
    event.preventDefault();
    navigate(link.getAttribute('href'));
  }
});
window.addEventListener('popstate', render);
whenUnauthorized(() => {
  if (account) {
    account = null;
    renderHeader();
    navigate('/login', { replace: true });
  }
});

async function start() {
  try {
    account = (await api.session()).account;
  } catch {
    account = null;
  }
  renderHeader();
  if (location.pathname === '/') {
    history.replaceState(null, '', account ? '/apps' : '/login');
  }
  render();
}

start();
