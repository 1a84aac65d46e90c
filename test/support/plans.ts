import { GitOpsLayout } from '../../lib';

/** The commands under "Watch it" in the plan file `plans/<folder>.md` that `layout` renders. */
export function renderedWatchCommands(layout: GitOpsLayout, folder: string): string[] {
  const markdown = layout.render()[`plans/${folder}.md`];
  if (markdown === undefined) throw new Error(`no plan file for ${folder}`);
  const block = markdown.split('## Watch it\n\n```sh\n')[1];
  return block.slice(0, block.indexOf('\n```')).split('\n');
}
