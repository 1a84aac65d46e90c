// Random props of the rollout plan factories: a clear refusal naming the prop, or a plan whose
// Markdown shows no NaN, Infinity, undefined or [object Object].
import { planScenario } from '../support/fuzz/plans';
import { fuzzProperty, unclearRefusal } from '../support/fuzz/property';

fuzzProperty('RolloutPlan factories', planScenario(), 0.05, (scenario, stats) => {
  let markdown: string;
  try {
    markdown = scenario.make().toMarkdown({ gitOpsCommands: ['flux reconcile kustomization prod-web'] });
  } catch (e) {
    const why = unclearRefusal(e);
    if (why) throw new Error(why);
    stats.addRefusal((e as Error).message);
    return;
  }
  stats.add('accepted');
  expect(markdown).not.toMatch(/NaN|Infinity|undefined|\[object Object\]/);
});
