// js-yaml ships no types (it is here through eslint); the tests only need `load`.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
