/**
 * The category chips stay on screen (sticky) and mark the section being read, and a fade at the
 * edge shows when more chips are off to the side.
 */
export function watchCategoryNav(): void {
  const nav = document.querySelector<HTMLElement>('.category-nav');
  if (!nav) return;
  const chips = [...nav.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
  const showOverflow = () => {
    const more = nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1;
    nav.toggleAttribute('data-more-right', more);
    nav.toggleAttribute('data-more-left', nav.scrollLeft > 1);
  };
  nav.addEventListener('scroll', showOverflow, { passive: true });
  window.addEventListener('resize', showOverflow);
  showOverflow();

  const mark = (id: string) => {
    for (const chip of chips) {
      const current = chip.hash === `#${id}`;
      if (current) chip.setAttribute('aria-current', 'true');
      else chip.removeAttribute('aria-current');
      // Bring the marked chip into the strip without scrolling the page itself.
      if (current) nav.scrollTo({ left: chip.offsetLeft - nav.clientWidth / 3, behavior: 'smooth' });
    }
  };
  const sections = chips.flatMap((chip) => {
    const section = document.getElementById(chip.hash.slice(1));
    return section ? [section] : [];
  });
  const visible = new Set<string>();
  // A section counts as read while it crosses a band just below the sticky header and chips.
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) visible.add(entry.target.id);
        else visible.delete(entry.target.id);
      }
      const first = sections.find((section) => visible.has(section.id));
      if (first) mark(first.id);
    },
    { rootMargin: '-30% 0px -60% 0px' },
  );
  for (const section of sections) observer.observe(section);
}
