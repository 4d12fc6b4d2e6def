// BA_DEF_ / BA_DEF_DEF_ / BA_ handling: definitions, defaults, and the value each object ends
// up with. ENUM values are stored in BA_ as an index; objects expose the label.
import type { AttributeValue } from './dbc-model.ts';

export type AttributeScope = 'network' | 'BU_' | 'BO_' | 'SG_' | 'EV_' | 'REL';
export type AttributeType = 'INT' | 'HEX' | 'FLOAT' | 'STRING' | 'ENUM';

export interface AttributeDefinition {
  name: string;
  scope: AttributeScope;
  type: AttributeType;
  min?: number;
  max?: number;
  enumValues?: string[];
  defaultValue?: AttributeValue;
}

export class AttributeTable {
  readonly definitions = new Map<string, AttributeDefinition>();

  define(def: AttributeDefinition): void {
    this.definitions.set(def.name, def);
  }

  /** Records a BA_DEF_DEF_ default; returns a problem text when it does not fit the definition. */
  setDefault(name: string, value: AttributeValue): string | undefined {
    const def = this.definitions.get(name);
    if (!def) return `default for undefined attribute "${name}"`;
    if (def.type === 'ENUM' && value === '') return undefined; // written by Vector tools: "no default"
    const converted = this.convert(def, value);
    if (converted.problem) return converted.problem;
    def.defaultValue = converted.value;
    return undefined;
  }

  /** The value an object shows for a BA_ assignment (ENUM index → label). */
  convert(def: AttributeDefinition, value: AttributeValue): { value: AttributeValue; problem?: string } {
    if (def.type === 'ENUM') {
      const labels = def.enumValues ?? [];
      if (typeof value === 'string') {
        // Defaults are usually written as the label; some tools write the index as a string.
        if (labels.includes(value)) return { value };
        const index = Number(value);
        if (value.trim() !== '' && Number.isInteger(index) && labels[index] !== undefined) return { value: labels[index] };
        return { value, problem: `attribute "${def.name}": "${value}" is not one of its ENUM labels` };
      }
      const label = labels[value];
      if (label === undefined) return { value, problem: `attribute "${def.name}": ENUM index ${value} out of range` };
      return { value: label };
    }
    if (def.type === 'STRING') return { value: String(value) };
    if (typeof value === 'string') {
      const n = Number(value);
      if (value.trim() === '' || Number.isNaN(n)) return { value, problem: `attribute "${def.name}" (${def.type}) given "${value}"` };
      return { value: n };
    }
    return { value };
  }

  /** Defaults of one scope overlaid with the explicit values given to one object. */
  resolve(scope: AttributeScope, explicit: Record<string, AttributeValue> | undefined): Record<string, AttributeValue> {
    const out: Record<string, AttributeValue> = {};
    for (const def of this.definitions.values()) {
      if (def.scope === scope && def.defaultValue !== undefined) out[def.name] = def.defaultValue;
    }
    if (explicit) Object.assign(out, explicit);
    return out;
  }
}
