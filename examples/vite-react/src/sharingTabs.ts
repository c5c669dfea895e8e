/** Whether this page shares one session with the other tabs of the origin: the demo's `?share`. */
export const sharingTabs = new URLSearchParams(window.location.search).has('share');
