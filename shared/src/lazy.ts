/**
 * `build()`'s result, built the first time something reads it, then kept.
 *
 * Schemas and the maps of them are declared with this. Zod builds every schema, and
 * every check on it, as objects when declared: importing `@turnout/shared` built all of
 * them, the largest part of the module evaluation when a phone opens the app
 * (Lighthouse's Total Blocking Time), though a device validates almost nothing until
 * a form is sent. The server builds each one at its first request.
 *
 * The proxy hands every operation to the built object. A zod schema's methods are
 * closures over the schema (or read `this` through the proxy), so calling one through
 * the proxy is the same call; a lazy schema inside another works because zod reads its
 * parts through their properties. Small building blocks used inside many schemas
 * (`mutations/fields.ts`, `id`) stay plain: they cost little, and validating through
 * them then needs no proxy.
 */
export function lazy<T extends object>(build: () => T): T {
  let built: T | undefined;
  const target = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(target(), key),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not call a property that its (empty) stand-in lacks non-configurable.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    set: (_, key, value) => Reflect.set(target(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
  });
}
