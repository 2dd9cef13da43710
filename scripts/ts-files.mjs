/** The TypeScript sources below a folder, for the checks `npm run lint` runs over src/. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every `.ts`/`.tsx` file below `dir` (declaration files left out), depth first. */
export function filesBelow(dir) {
  const out = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...filesBelow(path))
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}
