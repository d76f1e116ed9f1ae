import { z } from 'zod';
import { emailSchema, idSchema } from '../shared/validation';

/** Ids of users and organizations (path ids, and a user's `organizationId`). */
export const directoryIdSchema = idSchema('A-Za-z0-9_.:@-', '_ . : @ -');

export const organizationInputSchema = z.object({
  name: z.string().min(1).max(200),
  active: z.boolean().default(true),
});

export const userInputSchema = z.object({
  organizationId: directoryIdSchema,
  email: emailSchema,
  firstName: z.string().max(100).default(''),
  lastName: z.string().max(100).default(''),
  username: z.string().max(200).optional(),
  active: z.boolean().default(true),
  locale: z.string().max(35).optional(),
});

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
