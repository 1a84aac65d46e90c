/**
 * A number of pods, either absolute or as a percentage of the desired replicas.
 */
export class CountOrPercent {
  /** An absolute number of pods. */
  public static count(count: number): CountOrPercent {
    return new CountOrPercent(count, false);
  }

  /** A percentage (0-100) of the desired replicas. */
  public static percent(percent: number): CountOrPercent {
    return new CountOrPercent(percent, true);
  }

  private constructor(
    /** The number, or the percentage when `isPercent` is true. */
    public readonly value: number,
    /** Whether `value` is a percentage. */
    public readonly isPercent: boolean) {}

  /** Whether this is zero pods. */
  public get isZero(): boolean {
    return this.value === 0;
  }

  /**
   * The number of pods for `replicas` desired replicas, rounded as Kubernetes
   * rounds it (`roundUp` for maxSurge, down for maxUnavailable).
   */
  public of(replicas: number, roundUp: boolean): number {
    if (!this.isPercent) return this.value;
    const exact = (replicas * this.value) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }

  /** The Kubernetes int-or-string form (`1` or `"25%"`). */
  public toKube(): number | string {
    return this.isPercent ? `${this.value}%` : this.value;
  }

  /** A readable form for docs and messages. */
  public toString(): string {
    return String(this.toKube());
  }
}
