// An app's runtime options, as a standalone `./reparse runtime` takes them on its command line: password reset and
// verification mail (sender name, templates), file uploads, account lockout and password policy, request limit.
// Each section is saved on its own with only its fields; a change restarts the app's runtime, which the status card
// shows rolling out.
import { api } from '../api.js';
import { h, mount } from '../dom.js';

const MB = 1024 * 1024;
const PLACEHOLDERS = 'Placeholders: %appname%, %link%, %username%, %email%. Empty: parse.com\'s wording.';

function checkbox(name, label, app) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked: Boolean(app[name]) }), ' ', label);
}

function number(name, label, value, { min = 0, max, help } = {}) {
  return h('label', { class: 'field' }, h('span', null, label),
    h('input', { type: 'number', name, value: String(value), min: String(min), max: max === undefined ? null : String(max),
      step: '1', required: true }),
    help ? h('span', { class: 'small muted' }, help) : null);
}

function text(name, label, value, { help, area = false } = {}) {
  const input = area
    ? h('textarea', { name, rows: '5' }, value || '')
    : h('input', { type: 'text', name, value: value || '' });
  return h('label', { class: 'field' }, h('span', null, label), input,
    help ? h('span', { class: 'small muted' }, help) : null);
}

/** A form whose submit sends `collect(form)`, showing what the API answered. */
function section(id, title, intro, fields, collect, save, saved = 'Saved; the app\'s runtime restarts with it') {
  const state = h('span', { class: 'small muted save-state', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Save');
  const form = h('form', { id, class: 'options-form' }, h('h3', null, title),
    intro ? h('p', { class: 'small muted' }, intro) : null, fields, h('div', { class: 'inline-form' }, button, state));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    state.textContent = 'Saving…';
    try {
      await save(collect(form.elements));
      state.textContent = saved;
    } catch (e) {
      state.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

const int = input => Number.parseInt(input.value, 10);

function emailSection(app, save) {
  return section('email-settings', 'Email', 'Password reset and verification mail goes out through the platform\'s '
    + 'mail server; links open the app\'s pages on its API address.', [
    checkbox('verifyUserEmails', 'Verify user emails', app),
    checkbox('preventLoginWithUnverifiedEmail', 'Prevent login with an unverified email', app),
    number('emailVerifyTokenValidityMinutes', 'Verification link valid for (minutes, 0: until used)',
      app.emailVerifyTokenValidityMinutes, { max: 525600 }),
    number('passwordResetTokenValidityMinutes', 'Reset link valid for (minutes, 0: until used)',
      app.passwordResetTokenValidityMinutes, { max: 525600 }),
    text('emailSenderName', 'Sender name', app.emailSenderName, { help: 'Empty: the app\'s name.' }),
    text('passwordResetEmailSubject', 'Password reset subject', app.passwordResetEmailSubject),
    text('passwordResetEmailBody', 'Password reset text', app.passwordResetEmailBody, { area: true, help: PLACEHOLDERS }),
    text('verificationEmailSubject', 'Verification subject', app.verificationEmailSubject),
    text('verificationEmailBody', 'Verification text', app.verificationEmailBody, { area: true, help: PLACEHOLDERS }),
  ], f => ({
    verifyUserEmails: f.verifyUserEmails.checked,
    preventLoginWithUnverifiedEmail: f.preventLoginWithUnverifiedEmail.checked,
    emailVerifyTokenValidityMinutes: int(f.emailVerifyTokenValidityMinutes),
    passwordResetTokenValidityMinutes: int(f.passwordResetTokenValidityMinutes),
    emailSenderName: f.emailSenderName.value,
    passwordResetEmailSubject: f.passwordResetEmailSubject.value,
    passwordResetEmailBody: f.passwordResetEmailBody.value,
    verificationEmailSubject: f.verificationEmailSubject.value,
    verificationEmailBody: f.verificationEmailBody.value,
  }), save);
}

function filesSection(app, save) {
  return section('file-settings', 'File uploads', 'Who may upload files without the master key.', [
    checkbox('fileUploadEnableForAuthenticatedUser', 'Signed-in users', app),
    checkbox('fileUploadEnableForAnonymousUser', 'Anonymous users', app),
    checkbox('fileUploadEnableForPublic', 'Anyone with the app\'s keys (no user)', app),
    number('fileUploadMaxMegabytes', 'Largest file (MB)', Math.max(1, Math.round(app.fileUploadMaxBytes / MB)),
      { min: 1, max: 1024 }),
    text('fileUploadDeniedExtensions', 'Refused extensions', (app.fileUploadDeniedExtensions || []).join(', '),
      { help: 'Comma-separated; HTML, SVG and XML kinds would run as pages on the API\'s address.' }),
  ], f => ({
    fileUploadEnableForAuthenticatedUser: f.fileUploadEnableForAuthenticatedUser.checked,
    fileUploadEnableForAnonymousUser: f.fileUploadEnableForAnonymousUser.checked,
    fileUploadEnableForPublic: f.fileUploadEnableForPublic.checked,
    fileUploadMaxBytes: int(f.fileUploadMaxMegabytes) * MB,
    fileUploadDeniedExtensions: f.fileUploadDeniedExtensions.value.split(',').map(s => s.trim()).filter(Boolean),
  }), save);
}

function accountsSection(app, save) {
  return section('account-settings', 'Logins and passwords', null, [
    number('accountLockoutThreshold', 'Lock an account after this many failed logins (0: never)',
      app.accountLockoutThreshold, { max: 999 }),
    number('accountLockoutDurationMinutes', 'Lockout lasts (minutes)', app.accountLockoutDurationMinutes,
      { min: 1, max: 99999 }),
    checkbox('accountLockoutUnlockOnPasswordReset', 'A password reset ends a lockout', app),
    text('passwordPattern', 'Passwords must match (regular expression)', app.passwordPattern,
      { help: 'Empty: any password. Example: ^(?=.*[0-9]).{8,}$' }),
    text('passwordPatternError', 'Message for a password that does not match', app.passwordPatternError),
    checkbox('passwordNotContainingUsername', 'Passwords may not contain the username', app),
    number('maxPasswordAgeDays', 'Passwords expire after (days, 0: never)', app.maxPasswordAgeDays, { max: 3650 }),
    number('maxPasswordHistory', 'Refuse the last N passwords', app.maxPasswordHistory, { max: 20 }),
    number('requestsPerSecond', 'Requests per second', app.requestsPerSecond, { min: 1 }),
  ], f => ({
    accountLockoutThreshold: int(f.accountLockoutThreshold),
    accountLockoutDurationMinutes: int(f.accountLockoutDurationMinutes),
    accountLockoutUnlockOnPasswordReset: f.accountLockoutUnlockOnPasswordReset.checked,
    passwordPattern: f.passwordPattern.value,
    passwordPatternError: f.passwordPatternError.value,
    passwordNotContainingUsername: f.passwordNotContainingUsername.checked,
    maxPasswordAgeDays: int(f.maxPasswordAgeDays),
    maxPasswordHistory: int(f.maxPasswordHistory),
    requestsPerSecond: int(f.requestsPerSecond),
  }), save);
}

function liveQuerySection(app, save) {
  return section('livequery-settings', 'LiveQuery', 'Classes whose creates, updates and deletes reach subscribers '
    + '(query.subscribe() in the SDKs), through the app\'s API address; events are filtered by ACLs, CLPs and '
    + 'protected fields as finds are.', [
    text('liveQueryClassNames', 'Live classes', (app.liveQueryClassNames || []).join(', '),
      { help: 'Comma-separated class names, e.g. Message, _User. Empty: no class is live.' }),
  ], f => ({
    liveQueryClassNames: f.liveQueryClassNames.value.split(',').map(s => s.trim()).filter(Boolean),
  }), save, 'Saved; the running app applies it within a second, without a restart');
}

/** Renders the options card; `onChange(app)` gets the app after each saved change. */
export function renderOptions(container, app, onChange) {
  const save = async changes => {
    const updated = await api.updateApp(app.applicationId, changes);
    onChange(updated);
    return updated;
  };
  mount(container, h('h2', null, 'Email, files and logins'),
    emailSection(app, save), filesSection(app, save), accountsSection(app, save), liveQuerySection(app, save));
}
