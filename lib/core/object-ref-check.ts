/** The check of a reference to an object a pod uses. Internal: not exported from the package. */
import { Check } from './check';
import { propError, Where } from './errors';
import { ObjectRef } from './object-refs';

/**
 * Checks a reference a pod uses: a DNS-1123 name, in the app's namespace
 * (a pod reads only objects of its own namespace).
 */
export function checkRef(scope: Where, prop: string, ref: ObjectRef, namespace: string | undefined) {
  if (!(ref instanceof ObjectRef)) throw propError(scope, prop, ref, 'must be a reference such as SecretRef.fromName("db-credentials")');
  Check.dns1123Subdomain(scope, `${prop}.name`, ref.name);
  if (ref.namespace !== undefined && namespace !== undefined && ref.namespace !== namespace) {
    throw propError(scope, `${prop}.namespace`, ref.namespace, `the ${ref.kind} must be in the app's namespace "${namespace}": pods use only objects of their own namespace`);
  }
}
