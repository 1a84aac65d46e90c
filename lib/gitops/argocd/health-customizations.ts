/**
 * Health checks Argo CD needs from its own configuration (`argocd-cm`),
 * which no Application can carry: the health of an Application (Argo CD has
 * none built in, and sync waves between child Applications wait only for
 * healthy ones), and a Flagger Canary health that knows every phase.
 * Written as a ConfigMap with only these keys, to apply over an installed
 * Argo CD. The scripts use only what Argo CD's Lua sandbox loads (no
 * standard libraries). Internal.
 */

/**
 * An Application is Healthy only when it synced the spec it has now and
 * its resources are healthy: Progressing while it has never been compared,
 * while the comparison is of an older spec (the parent just changed it),
 * while a sync runs or it is out of sync; Degraded on an error condition or
 * a failed sync.
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "not compared yet" }
local st = obj.status
if st == nil then
  return hs
end
if st.conditions ~= nil then
  for _, c in ipairs(st.conditions) do
    if c.type == "ComparisonError" or c.type == "InvalidSpecError" or c.type == "SyncError" then
      hs.status = "Degraded"
      hs.message = c.message or c.type
      return hs
    end
  end
end
local op = st.operationState
if op ~= nil and (op.phase == "Running" or op.phase == "Terminating") then
  hs.message = "a sync is running"
  return hs
end
if op ~= nil and (op.phase == "Failed" or op.phase == "Error") then
  hs.status = "Degraded"
  hs.message = op.message or "the last sync failed"
  return hs
end
local function same(a, b)
  return a ~= nil and b ~= nil and a.repoURL == b.repoURL and a.path == b.path and a.targetRevision == b.targetRevision
end
local compared = nil
if st.sync ~= nil then
  compared = st.sync.comparedTo
end
local current = compared ~= nil
if current and obj.spec.sources ~= nil then
  local mine = obj.spec.sources
  local theirs = compared.sources or {}
  current = #mine == #theirs
  for i = 1, #mine do
    if not same(mine[i], theirs[i]) then
      current = false
    end
  end
elseif current then
  current = same(obj.spec.source, compared.source)
end
if not current then
  hs.message = "the status is not yet of the current spec"
  return hs
end
if st.sync.status ~= "Synced" then
  hs.message = "not synced"
  return hs
end
if st.health == nil or st.health.status == nil then
  hs.message = "no health yet"
  return hs
end
hs.status = st.health.status
hs.message = st.health.message or ""
return hs
`;

/**
 * A Canary by its phase: Healthy once initialized or promoted, Degraded
 * when the analysis failed, Progressing in every other phase (Argo CD's
 * built-in check answers Unknown for Initializing, Waiting and
 * WaitingPromotion, which stops sync waves).
 */
export const CANARY_HEALTH_LUA = `local hs = { status = "Progressing", message = "waiting for Flagger" }
if obj.status == nil or obj.status.phase == nil then
  return hs
end
local phase = obj.status.phase
hs.message = phase
if obj.status.canaryWeight ~= nil and obj.status.canaryWeight > 0 then
  hs.message = phase .. ", canary weight " .. obj.status.canaryWeight
end
if phase == "Initialized" or phase == "Succeeded" then
  hs.status = "Healthy"
elseif phase == "Failed" then
  hs.status = "Degraded"
end
return hs
`;

/** The `argocd-cm` keys of the health checks, by the resource they check. */
export const HEALTH_CUSTOMIZATIONS: Record<string, string> = {
  'resource.customizations.health.argoproj.io_Application': APPLICATION_HEALTH_LUA,
  'resource.customizations.health.flagger.app_Canary': CANARY_HEALTH_LUA,
};

/** The `argocd-cm` ConfigMap holding only the health checks, to apply over Argo CD's in `namespace`. */
export function argoCdConfigPatch(namespace: string): any {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace, labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' } },
    data: { ...HEALTH_CUSTOMIZATIONS },
  };
}
