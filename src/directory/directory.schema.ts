import { z } from 'zod';

export const organizationInputSchema = z.object({
  name: z.string().min(1).max(200),
  active: z.boolean().default(true),
});

export const userInputSchema = z.object({
  organizationId: z.string().min(1).max(128),
  email: z.email(),
  firstName: z.string().max(100).default(''),
  lastName: z.string().max(100).default(''),
  username: z.string().max(200).optional(),
  active: z.boolean().default(true),
  locale: z.string().max(35).optional(),
});

export const directoryIdSchema = z.string().regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'must be 1-128 characters of letters, digits, _ . : @ -');

export type OrganizationInput = z.infer<typeof organizationInputSchema>;
export type UserInput = z.infer<typeof userInputSchema>;

export interface Organization extends OrganizationInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface User extends UserInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
