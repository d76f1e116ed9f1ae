import { z } from 'zod';

/** Fields several kinds share, validated alike everywhere. */
export const ccList = z.array(z.email()).max(20).default([]);
export const templateId = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'must be 1-100 characters of letters, digits, _ . -');
export const subject = z.string().min(1).max(998);
