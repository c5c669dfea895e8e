import { initializeApp } from 'firebase/app';
import { getAuth, onIdTokenChanged } from 'firebase/auth';

const auth = getAuth(initializeApp({ apiKey: 'key', authDomain: 'app.firebaseapp.com', projectId: 'app' }));

/** Firebase Auth: the ID token for each call, refreshed by the SDK. */
export async function getIdToken() {
  return (await auth.currentUser?.getIdToken()) ?? null;
}
export const unsubscribe = onIdTokenChanged(auth, () => {});
