// Cloud Code of the dashboard browser test (run.sh starts the runtime with this folder): a job
// for the Jobs page and functions whose console lines the Logs page must show. The test looks
// for these names and texts in the pages.

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Runs until the test saves an E2EJobGoAhead object with its gate, so the test sees the job
// running (with its message) before it sees it succeed. The dashboard's Run dialog sends the
// parameters as `input`; a REST call sends them as they are.
Parse.Cloud.job('e2eDashboardJob', async request => {
  const gate = request.params.input?.gate ?? request.params.gate ?? 'none';
  request.message(`e2e job ${gate} is waiting for its go-ahead`);
  const deadline = Date.now() + 60_000;
  while (!(await new Parse.Query('E2EJobGoAhead').equalTo('gate', gate).first({ useMasterKey: true }))) {
    if (Date.now() > deadline) {
      throw new Error(`e2e job ${gate} got no go-ahead within 60 s`);
    }
    await sleep(250);
  }
  return `e2e job ${gate} finished`;
});

Parse.Cloud.define('e2eLogMarker', request => {
  console.log(`e2e-log-marker ${request.params.marker}`);
  return 'logged';
});

Parse.Cloud.define('e2eLogError', request => {
  console.error(`e2e-error-marker ${request.params.marker}`);
  throw new Parse.Error(141, `e2e function failed on purpose ${request.params.marker}`);
});
