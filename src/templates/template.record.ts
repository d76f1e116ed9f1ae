import { z } from 'zod';
import { idSchema } from '../shared/validation';

/** Ids of stored templates (`PUT /v1/templates/{id}`, a sender's `templateId`). */
export const templateIdSchema = idSchema('A-Za-z0-9_.-', '_ . -');

/** Body of `PUT /v1/templates/{id}`. */
export const templateInputSchema = z.object({
  subject: z.string().min(1).max(998),
  mjml: z.string().min(1).max(512 * 1024),
  text: z.string().max(256 * 1024).optional(),
});

export type TemplateInput = z.infer<typeof templateInputSchema>;

/** A stored template version. Versions start at 1 and every PUT adds one. */
export interface TemplateRecord extends TemplateInput {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
