import { z } from 'zod';
import { slugField, variantIdField } from '../shared/common.js';

export const FormField = z.object({
  name: z.string().describe('Machine name, snake_case, e.g. "work_email"'),
  label: z.string().min(1),
  type: z.enum(['text', 'email', 'tel', 'url', 'number', 'select', 'textarea', 'checkbox']),
  required: z.boolean(),
  options: z.array(z.string().min(1)).optional().describe('Choices, for type "select" only'),
});
export type FormField = z.infer<typeof FormField>;

const LandingVariant = z.object({
  variantId: variantIdField,
  headline: z.string().optional(),
  subheadline: z.string().optional(),
  ctaLabel: z.string().optional(),
});

export const LandingPage = z.object({
  slug: slugField,
  title: z.string().min(1).describe('The <title>: at most 60 characters'),
  metaDescription: z.string().min(1).describe('120 to 160 characters'),
  hero: z.object({
    headline: z.string().min(1).describe('The one H1: the outcome the visitor gets'),
    subheadline: z.string().min(1),
    ctaLabel: z.string().min(1).describe('Button that takes the visitor to the form, verb first'),
  }),
  benefitsHeading: z.string().min(1),
  benefits: z
    .array(z.object({ title: z.string().min(1), description: z.string().min(1) }))
    .describe('3 to 6 benefits'),
  proofHeading: z.string().min(1),
  proof: z.object({
    testimonials: z.array(
      z.object({
        quote: z.string().min(1),
        name: z.string().min(1),
        role: z.string().optional(),
        company: z.string().optional(),
      }),
    ),
    stats: z.array(
      z.object({
        value: z.string().min(1).describe('e.g. "42%" or "3x"'),
        label: z.string().min(1),
        source: z.string().min(1).describe('Where the number comes from: a study, a report, a product fact'),
      }),
    ),
  }),
  form: z.object({
    heading: z.string().min(1),
    fields: z.array(FormField).describe('1 to 5 fields, one of type "email"'),
    submitLabel: z.string().min(1).describe('Says what the visitor gets, e.g. "Get the guide", not "Submit"'),
  }),
  variants: z
    .array(LandingVariant)
    .optional()
    .describe('A/B alternatives of headline, subheadline or button label'),
});
export type LandingPage = z.infer<typeof LandingPage>;
