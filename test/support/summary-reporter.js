// Prints the plain closing line CI reads: "N passed, N failed".
// A suite that fails to run (syntax error, failed import) counts as one failure.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const broken = results.numRuntimeErrorTestSuites;
    const failed = results.numFailedTests + broken;
    if (broken) process.stdout.write(`\n${results.numFailedTests} failed test(s) + ${broken} suite(s) that failed to run\n`);
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = SummaryReporter;
