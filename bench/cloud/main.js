// Cloud Code of ./reparse bench (the cloud ops, see bench/README.md). The same folder is given to both sides:
// parse-server's `cloud` option and the runtime's reparse.cloud.path. Parse Server style only (returns and throws,
// explicit sessionToken), so it runs unchanged on both.

// fn-trivial: the cost of a function call itself
Parse.Cloud.define('benchTrivial', () => ({ ok: true, answer: 42, server: 'bench' }));

// fn-query: one query of 10 seed objects as the calling user (a REST-key call with a session token)
Parse.Cloud.define('benchQuery', async (request) => {
  if (!request.user) {
    throw new Parse.Error(Parse.Error.INVALID_SESSION_TOKEN, 'benchQuery needs a signed-in user');
  }
  const objects = await new Parse.Query('BenchObject').equalTo('kind', 'seed').limit(10)
    .find({ sessionToken: request.user.getSessionToken() });
  return { count: objects.length };
});

// create-guarded: a create that a beforeSave validates and completes
Parse.Cloud.beforeSave('GuardedObject', (request) => {
  const title = request.object.get('title');
  if (typeof title !== 'string' || title.length === 0 || title.length > 100) {
    throw new Parse.Error(Parse.Error.VALIDATION_ERROR, 'title must be a string of 1 to 100 characters');
  }
  request.object.set('slug', title.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
});
