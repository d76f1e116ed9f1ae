import { z } from 'zod';
import { emailSchema } from '../../shared/validation';
import { templateIdSchema } from '../../templates/template.record';

/** Fields several kinds share, validated alike everywhere. */
export const ccList = z.array(emailSchema).max(20).default([]);
export const templateId = templateIdSchema;
export const subject = z.string().min(1).max(998);
