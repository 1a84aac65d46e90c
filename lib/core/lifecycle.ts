/**
 * Checks of the preStop hooks and of the grace period that must contain
 * them. Internal: called by the app model.
 */
import { AppCommonProps } from './app-props';
import { Check } from './check';
import { propError, Where } from './errors';
import { PreStop, PreStopKind } from './lifecycle-props';

/** The grace period Kubernetes gives a pod unless told otherwise. */
export const DEFAULT_GRACE_SECONDS = 30;

/** Checks one preStop hook; `ports` are the names and numbers its container declares. */
export function checkPreStop(scope: Where, prop: string, hook: PreStop | undefined, ports: { names: Set<string>; numbers: Set<number> }) {
  if (hook === undefined) return;
  if (!(hook instanceof PreStop)) throw propError(scope, prop, hook, 'must be a PreStop such as PreStop.sleep(5)');
  if (hook.kind === PreStopKind.SLEEP) Check.int(scope, `${prop}.seconds`, hook.seconds, 1);
  else Check.int(scope, `${prop}.expectedSeconds`, hook.seconds, 1);
  if (hook.kind === PreStopKind.EXEC && !(hook.command?.length)) throw propError(scope, `${prop}.command`, hook.command, 'exec hooks need a command');
  if (hook.kind !== PreStopKind.HTTP_GET) return;
  if (typeof hook.path !== 'string' || !hook.path.startsWith('/')) throw propError(scope, `${prop}.path`, hook.path, 'HTTP hook paths start with "/"');
  const port = hook.port;
  if (port === undefined ? ports.names.size === 0 : !ports.names.has(port) && !ports.numbers.has(Number(port))) {
    throw propError(scope, `${prop}.port`, port, `HTTP hooks must call a declared container port: ${[...ports.names].join(', ') || '(none declared)'}`);
  }
}

/**
 * The grace period must outlast the preStop hooks of known duration: the
 * longest hook of the regular containers (they stop together), then the
 * hooks of the native sidecars (stopped one after another once the regular
 * containers have exited). Kubernetes kills whatever still runs when it ends,
 * so the app would never get SIGTERM in time. (Probes do not delay a
 * shutdown: a deleted pod leaves its Services at once.)
 */
export function checkGracePeriod(scope: Where, props: AppCommonProps) {
  const sidecars = props.sidecars ?? [];
  const hooks = [
    { prop: 'preStop', hook: props.preStop, native: false },
    ...sidecars.map((s, i) => ({ prop: `sidecars[${i}].preStop`, hook: s.preStop, native: s.native ?? false })),
  ].filter(h => h.hook?.seconds !== undefined);
  if (!hooks.length) return;
  const regular = hooks.filter(h => !h.native).reduce((max, h) => Math.max(max, h.hook!.seconds!), 0);
  const native = hooks.filter(h => h.native).reduce((sum, h) => sum + h.hook!.seconds!, 0);
  const grace = props.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  if (regular + native < grace) return;
  const listed = hooks.map(h => `${h.prop}: ${h.hook!.seconds}s`).join(', ');
  const defaulted = props.terminationGracePeriodSeconds === undefined ? ` (${DEFAULT_GRACE_SECONDS}s is the default)` : '';
  throw propError(scope, 'terminationGracePeriodSeconds', grace,
    `must exceed the ${regular + native}s of the preStop hooks (${listed})${defaulted}: Kubernetes kills the containers when it ends, before the app got SIGTERM and time to shut down; raise it or shorten the hooks`);
}
