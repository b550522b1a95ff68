import type {
  ASTNode,
  ASTPath,
  Collection,
  ImportDeclaration,
  JSCodeshift,
  VariableDeclarator,
} from 'jscodeshift';
import { legacyApiOfModule, type LegacyApi } from '../../audit/rules/legacyModules.js';
import type { RepositoryScan } from '../../migration/repositoryScan.js';
import { moduleKeyOfImport } from '../../migration/localModules.js';
import { apiOfLegacyName, LEGACY_CLASSES, LEGACY_GETTERS } from './legacyNames.js';
import { PathIndex } from './pathIndex.js';
import { isReference, referencedNames } from './references.js';

// Parents whose identifier child declares a name.
const DECLARING = new Set([
  'VariableDeclarator',
  'ImportSpecifier',
  'ImportDefaultSpecifier',
  'ImportNamespaceSpecifier',
  'FunctionDeclaration',
  'ClassDeclaration',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSEnumDeclaration',
]);

// Node types with parameters.
const FUNCTION_TYPES = [
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ClassMethod',
  'ClassPrivateMethod',
  'ObjectMethod',
  'TSDeclareMethod',
  'TSDeclareFunction',
];

/** A local name bound to something the legacy APIs export. */
export interface LegacyBinding {
  readonly local: string;
  /** The legacy export's name; `*` for a namespace (or default, or whole `require`). */
  readonly imported: string;
  /** Which API; for a namespace of a module that does not say, `undefined` (members decide). */
  readonly api: LegacyApi | undefined;
  readonly form: 'import' | 'require';
  readonly typeOnly: boolean;
  /** Imported from a local barrel that re-exports the legacy module. */
  readonly viaBarrel: boolean;
  readonly declaration: ASTPath<ImportDeclaration> | ASTPath<VariableDeclarator>;
}

/** A loosely read AST node: transforms check `type` before reading fields. */
export type Node = ASTNode & { readonly type: string; [field: string]: unknown };

/**
 * One file's view of the legacy APIs: the names bound to them, and the expressions (variables,
 * fields, parameters) that hold a legacy object, found by their type annotation or initializer.
 * Scope is by name within the file: a name is a receiver of an API if any declaration of that
 * name in the file is typed or initialised with that API.
 */
export class LegacyFile {
  readonly bindings: LegacyBinding[] = [];
  private readonly byLocal = new Map<string, LegacyBinding>();
  /** `name` for variables and parameters, `this.name` for fields. */
  readonly receivers = new Map<string, LegacyApi>();

  /** The tree as parsed, by node type (one walk). */
  readonly index: PathIndex;
  /** Every name bound or referenced in the file as parsed (not property names). */
  readonly names = new Set<string>();

  constructor(
    readonly j: JSCodeshift,
    readonly root: Collection,
    readonly path: string,
    readonly scan: RepositoryScan,
  ) {
    this.index = new PathIndex(j, root);
    for (const identifier of this.index.of('Identifier')) {
      const parentType = ((identifier.parent as ASTPath | null)?.node as Node | undefined)?.type;
      if (isReference(identifier) || (parentType !== undefined && DECLARING.has(parentType)))
        this.names.add((identifier.node as { name: string }).name);
    }
    this.collectBindings();
    // Twice, so that `a = b` finds `a` when `b` is declared later in the file.
    this.collectReceivers();
    this.collectReceivers();
  }

  get targetModule(): string {
    return this.scan.config.targetModule;
  }

  binding(local: string): LegacyBinding | undefined {
    return this.byLocal.get(local);
  }

  /** The legacy export a (possibly namespaced) name stands for: `X` or `ns.X`. */
  legacyNameOf(
    node: Node | null | undefined,
  ): { name: string; api: LegacyApi | undefined } | undefined {
    if (node === null || node === undefined) return undefined;
    if (node.type === 'Identifier') {
      const binding = this.byLocal.get(node['name']);
      if (binding === undefined || binding.imported === '*') return undefined;
      return { name: binding.imported, api: binding.api ?? apiOfLegacyName(binding.imported) };
    }
    const isMember =
      (node.type === 'MemberExpression' || node.type === 'TSQualifiedName') &&
      node['computed'] !== true;
    if (!isMember) return undefined;
    const object = (node['object'] ?? node['left']) as Node;
    const property = (node['property'] ?? node['right']) as Node;
    if (object.type !== 'Identifier' || property.type !== 'Identifier') return undefined;
    const binding = this.byLocal.get(object['name']);
    if (binding?.imported !== '*') return undefined;
    const name = property['name'];
    return { name, api: binding.api ?? apiOfLegacyName(name) };
  }

  /** The API of the legacy object an expression evaluates to, if it does. */
  apiOfExpression(node: Node | null | undefined): LegacyApi | undefined {
    if (node === null || node === undefined) return undefined;
    // What the consumer's type checker says comes first: it sees through getters, parameters
    // typed in other modules, optional fields and conditional receivers.
    const start = (node as { start?: unknown }).start;
    const typed =
      typeof start === 'number' ? this.scan.typedReceivers.get(this.path)?.get(start) : undefined;
    if (typed !== undefined) return typed;
    switch (node.type as string) {
      case 'NewExpression': {
        const named = this.legacyNameOf(node['callee'] as Node);
        return named !== undefined && LEGACY_CLASSES[named.name] !== undefined
          ? named.api
          : undefined;
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const named = this.legacyNameOf(node['callee'] as Node);
        const isGetter =
          named !== undefined &&
          (LEGACY_GETTERS[named.name] !== undefined || named.name === 'getExecutionTracker');
        return isGetter ? named.api : undefined;
      }
      case 'AwaitExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'ParenthesizedExpression':
        return this.apiOfExpression((node['argument'] ?? node['expression']) as Node);
      case 'LogicalExpression':
      case 'ConditionalExpression':
        return (
          this.apiOfExpression((node['left'] ?? node['consequent']) as Node) ??
          this.apiOfExpression((node['right'] ?? node['alternate']) as Node)
        );
      case 'Identifier':
        return this.receivers.get(node['name'] as string);
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const object = node['object'] as Node;
        const property = node['property'] as Node;
        if (object.type === 'ThisExpression' && property.type === 'Identifier')
          return this.receivers.get(`this.${property['name']}`);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The API a type annotation names (`X`, `ns.X`, `X | undefined`, `X[]` is not a receiver). */
  apiOfType(node: Node | null | undefined): LegacyApi | undefined {
    if (node === null || node === undefined) return undefined;
    if (node.type === 'TSTypeAnnotation') return this.apiOfType(node['typeAnnotation'] as Node);
    if (node.type === 'TSUnionType') {
      for (const member of node['types'] as Node[]) {
        const api = this.apiOfType(member);
        if (api !== undefined) return api;
      }
      return undefined;
    }
    if (node.type !== 'TSTypeReference') return undefined;
    const named = this.legacyNameOf(node['typeName'] as Node);
    return named !== undefined && LEGACY_CLASSES[named.name] !== undefined ? named.api : undefined;
  }

  /**
   * The names referenced in the file as it is now (one fresh walk: call it after edits, once,
   * and ask the returned set): imports and specifiers do not count as references.
   */
  references(): Set<string> {
    return referencedNames((this.root.get() as ASTPath).node);
  }

  /** The program's top-level statements as they are now (imports and re-exports live there). */
  get body(): ASTPath[] {
    const body = this.root.get('program', 'body') as { map<T>(fn: (path: ASTPath) => T): T[] };
    return body.map((path) => path);
  }

  private collectBindings(): void {
    const { scan } = this;
    for (const each of this.index.of('ImportDeclaration')) {
      const path = each as ASTPath<ImportDeclaration>;
      const specifier = path.node.source.value;
      if (typeof specifier !== 'string') continue;
      const declarationTypeOnly = path.node.importKind === 'type';
      const barrel = this.barrelOf(specifier);
      const { legacy, api } = legacyApiOfModule(specifier, scan.config);
      if (!legacy && barrel === undefined) continue;
      for (const each of path.node.specifiers ?? []) {
        const local = each.local?.name;
        if (typeof local !== 'string') continue;
        if (each.type === 'ImportSpecifier') {
          const exported = identifierName(each.imported.name);
          const fromBarrel = barrel?.get(exported);
          if (barrel !== undefined && fromBarrel === undefined) continue;
          this.add({
            local,
            imported: fromBarrel?.imported ?? exported,
            api: fromBarrel?.api ?? api ?? apiOfLegacyName(exported),
            form: 'import',
            typeOnly:
              declarationTypeOnly || (each as { importKind?: string }).importKind === 'type',
            viaBarrel: barrel !== undefined,
            declaration: path,
          });
        } else if (legacy) {
          this.add({
            local,
            imported: '*',
            api,
            form: 'import',
            typeOnly: declarationTypeOnly,
            viaBarrel: false,
            declaration: path,
          });
        }
      }
    }
    for (const each of this.index.of('VariableDeclarator')) {
      const path = each as ASTPath<VariableDeclarator>;
      const init = path.node.init as Node | null | undefined;
      const call = init?.type === 'AwaitExpression' ? (init['argument'] as Node) : init;
      if (call?.type !== 'CallExpression') continue;
      const callee = call['callee'] as Node;
      const [first] = call['arguments'] as Node[];
      if (callee.type !== 'Identifier' || callee['name'] !== 'require') continue;
      if (first?.type !== 'StringLiteral' && first?.type !== 'Literal') continue;
      const specifier = first['value'];
      if (typeof specifier !== 'string') continue;
      const { legacy, api } = legacyApiOfModule(specifier, scan.config);
      if (!legacy) continue;
      const id = path.node.id as Node;
      if (id.type === 'Identifier') {
        this.add({
          local: id['name'],
          imported: '*',
          api,
          form: 'require',
          typeOnly: false,
          viaBarrel: false,
          declaration: path,
        });
        continue;
      }
      if (id.type !== 'ObjectPattern') continue;
      for (const property of id['properties'] as Node[]) {
        if (property.type !== 'ObjectProperty' && property.type !== 'Property') continue;
        const key = property['key'] as Node;
        const value = property['value'] as Node;
        if (key.type !== 'Identifier' || value.type !== 'Identifier') continue;
        const exported = key['name'];
        this.add({
          local: value['name'],
          imported: exported,
          api: api ?? apiOfLegacyName(exported),
          form: 'require',
          typeOnly: false,
          viaBarrel: false,
          declaration: path,
        });
      }
    }
  }

  private barrelOf(specifier: string) {
    const key = moduleKeyOfImport(this.path, specifier);
    return key === undefined ? undefined : this.scan.barrels.get(key);
  }

  private add(binding: LegacyBinding): void {
    this.bindings.push(binding);
    this.byLocal.set(binding.local, binding);
  }

  private collectReceivers(): void {
    const note = (key: string, api: LegacyApi | undefined): void => {
      if (api !== undefined) this.receivers.set(key, api);
    };
    for (const path of this.index.of('VariableDeclarator')) {
      const node = path.node as Node;
      const id = node['id'] as Node;
      if (id.type !== 'Identifier') continue;
      note(
        id['name'],
        this.apiOfType(id['typeAnnotation'] as Node) ?? this.apiOfExpression(node['init'] as Node),
      );
    }
    for (const path of this.index.of('ClassProperty')) {
      const node = path.node as Node;
      const key = node['key'] as Node;
      if (key.type !== 'Identifier' || node['computed'] === true) continue;
      note(
        `this.${key['name']}`,
        this.apiOfType(node['typeAnnotation'] as Node) ??
          this.apiOfExpression(node['value'] as Node),
      );
    }
    const parameter = (param: Node, isProperty: boolean): void => {
      let target = param;
      let initial: Node | undefined;
      if (param.type === 'AssignmentPattern') {
        target = param['left'] as Node;
        initial = param['right'] as Node;
      }
      if (target.type !== 'Identifier') return;
      const name = target['name'];
      const api = this.apiOfType(target['typeAnnotation'] as Node) ?? this.apiOfExpression(initial);
      note(name, api);
      if (isProperty) note(`this.${name}`, api);
    };
    for (const path of this.index.of(...FUNCTION_TYPES)) {
      for (const param of (path.node as Node)['params'] as Node[]) {
        if (param.type === 'TSParameterProperty') parameter(param['parameter'] as Node, true);
        else parameter(param, false);
      }
    }
    for (const path of this.index.of('AssignmentExpression')) {
      const node = path.node as Node;
      const left = node['left'] as Node;
      const api = this.apiOfExpression(node['right'] as Node);
      if (left.type === 'Identifier') note(left['name'], api);
      else if (
        left.type === 'MemberExpression' &&
        (left['object'] as Node).type === 'ThisExpression' &&
        (left['property'] as Node).type === 'Identifier'
      )
        note(`this.${(left['property'] as Node)['name'] as string}`, api);
    }
  }
}

/** The name of an identifier field, which ast-types types as a string or an identifier. */
export function identifierName(name: unknown): string {
  if (typeof name === 'string') return name;
  if (typeof name === 'object' && name !== null && 'name' in name) return identifierName(name.name);
  return '';
}
