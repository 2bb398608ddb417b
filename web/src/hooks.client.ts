import { z } from 'zod';

// The server's Content-Security-Policy allows no eval. Zod would probe for it
// with `new Function('')` on its first object parse (to compile faster
// parsers), which the browser reports as a policy violation; told up front,
// it parses the same way without the probe.
z.config({ jitless: true });
