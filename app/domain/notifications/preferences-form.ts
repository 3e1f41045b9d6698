import { z } from "zod";
import { CHANNELS, OPTIONAL_CATEGORIES, type Channels, type OptionalCategory } from "./kinds";

// The preferences form: one checkbox per optional category and channel, named `<CATEGORY>.<channel>`.
// A box left unchecked is absent from the body, so absent means off. ORDER has no boxes to send:
// anything posted for it is dropped (order updates are always delivered).

const box = z.literal("on").optional();
export const preferencesFormSchema = z
  .object(Object.fromEntries(OPTIONAL_CATEGORIES.flatMap((category) => CHANNELS.map((channel) => [`${category}.${channel}`, box]))))
  .transform((value) => {
    const result = {} as Record<OptionalCategory, Channels>;
    for (const category of OPTIONAL_CATEGORIES)
      result[category] = { inSite: value[`${category}.inSite`] === "on", email: value[`${category}.email`] === "on" };
    return result;
  });
