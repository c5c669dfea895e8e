import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `next dev` serves its HMR socket only to origins it trusts, and a page that cannot open it never hydrates (so it
  // never asks for a session). It trusts localhost and the --hostname it was given; this trusts
  // http://127.0.0.1:3000 too when `next dev` listens on every interface (its default).
  allowedDevOrigins: ['127.0.0.1'],
};

export default nextConfig;
