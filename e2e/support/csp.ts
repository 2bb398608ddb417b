import type { BrowserContext, ConsoleMessage } from '@playwright/test';

/**
 * Collects what the browser refuses under the server's security headers in
 * every page of `context`: `securitypolicyviolation` events (any blocked
 * script, style, image, connection…) and console errors about the
 * Content-Security-Policy or Permissions-Policy header itself. A test
 * expects the list to stay empty.
 */
export async function watchPolicyViolations(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__turnoutPolicyViolation', (_source, text: string) => {
    violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as Record<string, (text: string) => void>)
        .__turnoutPolicyViolation;
      report?.(
        `${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ` +
          `(${e.sourceFile}:${e.lineNumber}) ${e.sample}`,
      );
    });
  });
  context.on('console', (message: ConsoleMessage) => {
    if (/content.security.policy|permissions.policy/i.test(message.text())) {
      violations.push(`console ${message.type()}: ${message.text()}`);
    }
  });
  return violations;
}
