import type { IconNode } from 'lucide';

const SVG = 'http://www.w3.org/2000/svg';
const shapes = new WeakMap<IconNode, DocumentFragment>();

/** A Lucide icon's shapes as SVG elements, built once per icon and cloned for each use. */
export function iconShapes(icon: IconNode): DocumentFragment {
  let fragment = shapes.get(icon);
  if (!fragment) {
    fragment = document.createDocumentFragment();
    for (const [tag, attrs] of icon) {
      const shape = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attrs)) shape.setAttribute(name, String(value));
      fragment.append(shape);
    }
    shapes.set(icon, fragment);
  }
  return fragment.cloneNode(true) as DocumentFragment;
}

/** Puts `icon`'s shapes into an `<svg>` (a Svelte attachment). */
export function drawIcon(icon: IconNode) {
  return (svg: SVGSVGElement) => {
    svg.replaceChildren(iconShapes(icon));
  };
}
