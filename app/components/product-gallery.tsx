import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useTranslation } from "react-i18next";

type Image = { url: string; alt: string };

// A scroll-snap strip: a phone swipes it natively; buttons, dots and the arrow keys move it on
// desktop. Each image links to its full-size file, so without JavaScript a tap still zooms; with
// it the tap opens a <dialog> over the page instead.
export function ProductGallery({ images }: { images: Image[] }) {
  const { t } = useTranslation();
  const strip = useRef<HTMLUListElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const [current, setCurrent] = useState(0);
  const [zoomed, setZoomed] = useState<number | null>(null);
  // In the zoomed view the image first fits the screen; a tap doubles it (then pan), another fits it again.
  const [magnified, setMagnified] = useState(false);
  const count = images.length;

  const go = useCallback(
    (index: number) => {
      const list = strip.current;
      const target = list?.children[Math.max(0, Math.min(count - 1, index))] as HTMLElement | undefined;
      if (!list || !target) return;
      list.scrollTo({ left: target.offsetLeft - list.offsetLeft, behavior: "smooth" });
    },
    [count],
  );

  // The slide mostly in view is the current one, whatever moved the strip (finger, button, key).
  useEffect(() => {
    const list = strip.current;
    if (!list || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) if (entry.isIntersecting) setCurrent([...list.children].indexOf(entry.target as HTMLElement));
      },
      { root: list, threshold: 0.6 },
    );
    for (const child of list.children) observer.observe(child);
    return () => observer.disconnect();
  }, [count]);

  useEffect(() => {
    if (zoomed !== null && dialog.current && !dialog.current.open) dialog.current.showModal();
  }, [zoomed]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowRight") go(current + 1);
    else if (event.key === "ArrowLeft") go(current - 1);
    else return;
    event.preventDefault();
  };
  const openZoom = (event: MouseEvent, index: number) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || typeof HTMLDialogElement === "undefined") return;
    event.preventDefault();
    setZoomed(index);
  };

  if (count === 0) return null;
  const zoomedImage = zoomed !== null ? images[zoomed] : undefined;
  return (
    <section className="product-gallery" aria-label={t("product:gallery.label")} data-testid="product-gallery">
      {/* Focusable so the arrow keys move it; the label names it for screen readers. */}
      <ul className="gallery-strip" ref={strip} tabIndex={0} onKeyDown={onKeyDown} aria-label={t("product:gallery.label")}>
        {images.map((image, index) => (
          <li key={image.url} className="gallery-slide" aria-label={t("product:gallery.goTo", { index: index + 1, count })}>
            <a href={image.url} onClick={(event) => openZoom(event, index)} aria-label={t("product:gallery.zoom", { index: index + 1 })}>
              <img
                src={image.url}
                alt={image.alt}
                width="600"
                height="600"
                loading={index === 0 ? "eager" : "lazy"}
                decoding={index === 0 ? "sync" : "async"}
                {...(index === 0 ? { fetchpriority: "high" } : {})}
              />
            </a>
          </li>
        ))}
      </ul>
      {count > 1 ? (
        <div className="gallery-controls">
          <button
            type="button"
            className="gallery-arrow"
            onClick={() => go(current - 1)}
            disabled={current === 0}
            aria-label={t("product:gallery.previous")}
          >
            ‹
          </button>
          <div className="gallery-dots">
            {images.map((image, index) => (
              <button
                key={image.url}
                type="button"
                className="gallery-dot"
                aria-label={t("product:gallery.goTo", { index: index + 1, count })}
                aria-current={index === current ? "true" : undefined}
                onClick={() => go(index)}
              />
            ))}
          </div>
          <button
            type="button"
            className="gallery-arrow"
            onClick={() => go(current + 1)}
            disabled={current === count - 1}
            aria-label={t("product:gallery.next")}
          >
            ›
          </button>
        </div>
      ) : null}
      <dialog
        ref={dialog}
        className={magnified ? "gallery-zoom magnified" : "gallery-zoom"}
        aria-label={t("product:gallery.zoomed")}
        onClose={() => {
          setZoomed(null);
          setMagnified(false);
        }}
        data-testid="gallery-zoom"
      >
        {zoomedImage ? (
          <button type="button" className="gallery-zoom-toggle" aria-pressed={magnified} onClick={() => setMagnified(!magnified)}>
            <img src={zoomedImage.url} alt={zoomedImage.alt} width="1200" height="1200" />
            <span className="visually-hidden">{t("product:gallery.magnify")}</span>
          </button>
        ) : null}
        <form method="dialog">
          <button type="submit" className="button">
            {t("product:gallery.close")}
          </button>
        </form>
      </dialog>
    </section>
  );
}
