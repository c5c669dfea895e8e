import { GoTrueClient } from '@supabase/auth-js';

const auth = new GoTrueClient({
  url: 'https://project.supabase.co/auth/v1',
  autoRefreshToken: true,
  persistSession: true,
});

/** Supabase auth-js, auto-refreshing: the token for each call. */
export async function getAccessToken() {
  const { data } = await auth.getSession();
  return data.session?.access_token ?? null;
}
export const subscription = auth.onAuthStateChange(() => {});
