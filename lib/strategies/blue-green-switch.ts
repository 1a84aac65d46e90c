/** What the switch of a `BlueGreenApp` (setting `active`) changes. */
export enum BlueGreenSwitch {
  /**
   * The selectors of the Services `<name>` (the active color) and
   * `<name>-preview` (the idle one); an Ingress or HTTPRoute points at `<name>`.
   */
  SERVICE_SELECTOR = 'ServiceSelector',
  /**
   * The backendRef of the HTTPRoute `<name>` (and of `<name>-preview`, which
   * serves the preview hosts): each color has a Service of its own,
   * `<name>-blue` and `<name>-green`, whose selector never changes.
   */
  ROUTE_BACKEND = 'RouteBackend',
}
