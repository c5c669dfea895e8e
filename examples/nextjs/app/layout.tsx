import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'chatkit-session on Next.js',
  description: 'A ChatKit session kept alive in a Next.js App Router app.',
};

/** The root layout: no session here, so the About page renders without one and `app/loading.tsx` sits above it. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <nav>
          <Link href="/">Hosted session</Link>
          <Link href="/chat">Under loading.tsx</Link>
          <Link href="/custom-backend">Custom backend</Link>
          <Link href="/about">About</Link>
        </nav>
        <main>{children}</main>
      </body>
    </html>
  );
}
