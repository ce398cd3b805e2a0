// Account form rules, mirroring the server (AccountDtos + PasswordPolicy): messages are i18n keys.
import { z } from 'zod';

const COMMON = new Set(['1234567890', '12345678910', '0123456789', 'password12', 'password123', 'password1234', 'qwertyuiop',
  'qwerty1234', 'qwerty12345', '1q2w3e4r5t', 'abcdefghij', 'iloveyou12', 'letmein123', 'welcome123', 'admin12345',
  'stocklab123', 'passw0rd12', '1111111111', 'asdfghjkl1', 'zxcvbnm123']);

/** The password policy's verdict as an i18n key, or null when acceptable. */
export function passwordProblem(password: string, email?: string, nickname?: string): string | null {
  if ([...password].length < 10) return 'v.min|10';
  if (new TextEncoder().encode(password).length > 72) return 'v.maxBytes|72';
  const lower = password.toLowerCase();
  if (email && lower === email.trim().toLowerCase()) return 'v.passwordEmail';
  if (nickname && lower === nickname.trim().toLowerCase()) return 'v.passwordNick';
  if (new Set([...password]).size === 1) return 'v.passwordRepeat';
  if (COMMON.has(lower)) return 'is too common; choose another one';
  return null;
}

export const signupSchema = z
  .object({
    email: z.string().trim().min(1, 'v.required').max(254, 'v.tooLong|254').pipe(z.email('v.email')),
    nickname: z.string().trim().min(3, 'v.min|3').max(32, 'v.tooLong|32').regex(/^[\p{L}\p{N}_.-]*$/u, 'v.nickname'),
    password: z.string().min(1, 'v.required').max(200, 'v.tooLong|200'),
    confirm: z.string(),
  })
  .superRefine((f, ctx) => {
    const p = passwordProblem(f.password, f.email, f.nickname);
    if (p) ctx.addIssue({ code: 'custom', path: ['password'], message: p });
    if (f.confirm !== f.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'auth.mismatch' });
  });
export type SignupForm = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1, 'v.required').max(254, 'v.tooLong|254'),
  password: z.string().min(1, 'v.required').max(200, 'v.tooLong|200'),
});
export type LoginForm = z.infer<typeof loginSchema>;
