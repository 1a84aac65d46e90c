/**
 * One of the two Deployments of a `BlueGreenApp`; the value is the pod label
 * value and the suffix of the color's object names.
 */
export enum Color {
  /** The blue Deployment `<name>-blue`. */
  BLUE = 'blue',
  /** The green Deployment `<name>-green`. */
  GREEN = 'green',
}
