import type { ReviewForm } from "~/domain/listing-forms";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { declarationFromRows, personalizationDeclarationSchema } from "~/domain/catalog/personalization";
import { fromJsonColumn } from "~/domain/stored";
import { recomputeListingPrices } from "./listing-prices.server";
import { listingVariantSelect } from "./catalog.server";

/** Listings whose Chinese copy waits for an agent, or which are not published yet; newest first. */
export async function listReviewQueue() {
  return db.listing.findMany({
    where: { OR: [{ localizationStatus: "DRAFT" }, { status: "DRAFT" }] },
    select: {
      id: true,
      title: true,
      titleZh: true,
      status: true,
      localizationStatus: true,
      weightGrams: true,
      createdAt: true,
      store: { select: { name: true, country: true } },
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" }, take: 1 },
    },
    orderBy: { createdAt: "desc" },
    take: 100,
  });
}

export async function getListingForReview(id: string) {
  const listing = await db.listing.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      titleZh: true,
      descriptionZh: true,
      categorySlug: true,
      weightGrams: true,
      status: true,
      localizationStatus: true,
      price: true,
      currency: true,
      sourceUrl: true,
      importedById: true,
      images: { select: { url: true, alt: true }, orderBy: { position: "asc" } },
      variants: {
        select: listingVariantSelect,
        orderBy: { position: "asc" },
      },
      store: { select: { name: true, country: true } },
      personalization: true,
    },
  });
  if (!listing) return null;
  return {
    ...listing,
    personalization: fromJsonColumn(personalizationDeclarationSchema, "Listing.personalization", listing.personalization),
  };
}

/** An agent's review: the Chinese copy, category and weight; publishing also marks the copy reviewed. */
export async function reviewListing(actor: SessionUser, id: string, form: ReviewForm) {
  const before = await db.listing.findUnique({
    where: { id },
    select: {
      titleZh: true,
      descriptionZh: true,
      categorySlug: true,
      weightGrams: true,
      status: true,
      personalization: true,
      variants: { select: { id: true, weightGrams: true, lengthCm: true, widthCm: true, heightCm: true } },
    },
  });
  if (!before) return { ok: false as const, reason: "notFound" as const };
  const category = await db.category.findUnique({ where: { slug: form.categorySlug }, select: { taxCategory: true } });
  if (!category) return { ok: false as const, reason: "category" as const };
  const after = {
    titleZh: form.titleZh,
    descriptionZh: form.descriptionZh,
    categorySlug: form.categorySlug,
    taxCategory: category.taxCategory,
    weightGrams: form.weightGrams ?? before.weightGrams,
    personalization: JSON.stringify(declarationFromRows(form.personalization ?? [])),
    localizationStatus: "REVIEWED",
    ...(form.intent === "publish" ? { status: "PUBLISHED" } : {}),
  };
  // Only this listing's variants: an id from another listing in the form changes nothing.
  const own = new Set(before.variants.map((variant) => variant.id));
  const variants = (form.variants ?? [])
    .filter((variant) => own.has(variant.id))
    .map((variant) => ({
      id: variant.id,
      weightGrams: variant.weightGrams ?? null,
      lengthCm: variant.lengthCm ?? null,
      widthCm: variant.widthCm ?? null,
      heightCm: variant.heightCm ?? null,
    }));
  await db.$transaction([
    ...variants.map(({ id: variantId, ...parcel }) =>
      db.listingVariant.updateMany({ where: { id: variantId, listingId: id }, data: parcel }),
    ),
    // An agent has now checked the listing's information: the listing page says when.
    db.listing.update({ where: { id }, data: { ...after, verifiedAt: new Date() } }),
    db.auditLog.create({
      data: {
        actorId: actor.id,
        entity: "Listing",
        entityId: id,
        action: form.intent === "publish" ? "publish" : "review",
        before: JSON.stringify(before),
        after: JSON.stringify(variants.length > 0 ? { ...after, variants } : after),
      },
    }),
  ]);
  // The weight or the category (so the tax) may have changed.
  await recomputeListingPrices([id]);
  return { ok: true as const };
}
