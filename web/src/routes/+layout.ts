// A single-page app: everything renders on the device (it must work offline).
export const ssr = false;
export const prerender = false;
