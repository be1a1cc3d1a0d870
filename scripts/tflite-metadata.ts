/**
 * Adds TFLite metadata to a `.tflite` model without touching the model's own bytes.
 *
 * MediaPipe Tasks' FaceDetector reads the input normalisation (mean/std) from the model's
 * `TFLITE_METADATA` entry and refuses a model without it. The Apache-2.0 model shipped in
 * `@mediapipe/face_detection` has none, so the build derives one that does.
 *
 * How: a flatbuffer's offsets only point forward, so we prepend a new root `Model` table, new
 * `buffers` and `metadata` vectors and the metadata blob in front of the untouched old file.
 * The new root copies the old root's other fields as offsets into the old bytes. The prepended
 * region is padded to a multiple of 16 so every old buffer keeps its alignment.
 *
 * Field ids come from tensorflow/lite/schema/schema.fbs (Model) and
 * tensorflow_lite_support/metadata/metadata_schema.fbs (ModelMetadata).
 */
import { Builder, ByteBuffer } from 'flatbuffers';

/** Model table field ids (schema.fbs). */
const MODEL = {
  version: 0,
  operatorCodes: 1,
  subgraphs: 2,
  description: 3,
  buffers: 4,
  metadataBuffer: 5,
  metadata: 6,
  signatureDefs: 7,
} as const;
const MODEL_FIELD_COUNT = 8;
const TFLITE_IDENTIFIER = 'TFL3';
const METADATA_NAME = 'TFLITE_METADATA';
const METADATA_IDENTIFIER = 'M001';
/** ProcessUnitOptions union member NormalizationOptions (metadata_schema.fbs). */
const NORMALIZATION_OPTIONS = 1;

export interface NormalizationMetadata {
  /** Model name recorded in the metadata (informational). */
  name: string;
  description?: string;
  version?: string;
  author?: string;
  license?: string;
  inputName?: string;
  mean: number[];
  std: number[];
}

/**
 * Builds a `ModelMetadata` flatbuffer (identifier `M001`) with one subgraph whose single input
 * tensor carries NormalizationOptions — all MediaPipe needs to accept an image model.
 */
export function buildNormalizationMetadata(meta: NormalizationMetadata): Uint8Array {
  const b = new Builder(512);
  const floats = (values: number[]): number => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]!);
    return b.endVector();
  };
  const offsets = (values: number[]): number => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]!);
    return b.endVector();
  };
  const str = (s: string | undefined): number => (s === undefined ? 0 : b.createString(s));

  const mean = floats(meta.mean);
  const std = floats(meta.std);
  b.startObject(2); // NormalizationOptions
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();

  b.startObject(2); // ProcessUnit: a union takes two slots, type then value.
  b.addFieldInt8(0, NORMALIZATION_OPTIONS, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsets([processUnit]);

  const inputName = str(meta.inputName ?? 'image');
  b.startObject(5); // TensorMetadata
  b.addFieldOffset(0, inputName, 0);
  b.addFieldOffset(4, processUnits, 0);
  const inputTensor = b.endObject();
  const inputTensors = offsets([inputTensor]);

  b.startObject(3); // SubGraphMetadata
  b.addFieldOffset(2, inputTensors, 0);
  const subgraph = b.endObject();
  const subgraphs = offsets([subgraph]);

  const name = str(meta.name);
  const description = str(meta.description);
  const version = str(meta.version);
  const author = str(meta.author);
  const license = str(meta.license);
  const minParserVersion = str('1.0.0');
  b.startObject(8); // ModelMetadata
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(2, version, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(4, author, 0);
  b.addFieldOffset(5, license, 0);
  b.addFieldOffset(7, minParserVersion, 0);
  const root = b.endObject();
  b.finish(root, METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

/**
 * flatbuffers' ByteBuffer plus the table walking its generated code would do, for a schema we
 * have no generated code for. Positions are absolute; 0 means absent, as in ByteBuffer.
 */
class TableReader extends ByteBuffer {
  /** Absolute position of the root table. */
  root(): number {
    return this.__indirect(0);
  }
  /** Number of field slots in a table's vtable. */
  fieldCount(table: number): number {
    return (this.readUint16(table - this.readInt32(table)) - 4) / 2;
  }
  /** Absolute position of a field's value, or 0 when the field is absent. */
  field(table: number, id: number): number {
    const offset = this.__offset(table, 4 + 2 * id);
    return offset === 0 ? 0 : table + offset;
  }
  /** Absolute position of the table/vector a uoffset field points to, or 0. */
  ref(table: number, id: number): number {
    const at = this.field(table, id);
    return at === 0 ? 0 : this.__indirect(at);
  }
  /** A string field, or undefined when it is absent. */
  string(table: number, id: number): string | undefined {
    const at = this.field(table, id);
    return at === 0 ? undefined : (this.__string(at) as string);
  }
  /** Absolute position of the table referenced by element `i` of a vector of tables. */
  vectorTable(vector: number, i: number): number {
    return this.__indirect(vector + 4 + 4 * i);
  }
  /** The bytes of a `[ubyte]` vector (a view, so its alignment in the file shows). */
  byteVector(vector: number): Uint8Array {
    return this.bytes().subarray(vector + 4, vector + 4 + this.readUint32(vector));
  }
}

/** A ByteBuffer the size of the finished file, written at positions known up front. */
class PositionedWriter extends ByteBuffer {
  /** Writes a uoffset at `at` pointing to absolute `target` (must lie after it). */
  offset(at: number, target: number): void {
    if (target <= at) throw new Error(`flatbuffer offsets must point forward (${at} -> ${target})`);
    this.writeUint32(at, target - at);
  }
}

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/**
 * Returns a copy of `model` whose `Model.metadata` has a `TFLITE_METADATA` entry referring to a
 * new buffer holding `metadata`. Existing metadata entries and buffers are kept as they are.
 */
export function addModelMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const old = new TableReader(model);
  if (!old.__has_identifier(TFLITE_IDENTIFIER)) throw new Error('not a TFLite model (no TFL3)');
  const oldRoot = old.root();
  if (old.fieldCount(oldRoot) > MODEL_FIELD_COUNT) {
    throw new Error('the model has Model fields this tool does not know; refusing to drop them');
  }
  const oldBuffers = old.ref(oldRoot, MODEL.buffers);
  const oldMetadata = old.ref(oldRoot, MODEL.metadata);
  const bufferCount = oldBuffers ? old.readUint32(oldBuffers) : 0;
  const metadataCount = oldMetadata ? old.readUint32(oldMetadata) : 0;
  for (let i = 0; i < metadataCount; i++) {
    const entry = old.vectorTable(oldMetadata, i);
    if (old.string(entry, 0) === METADATA_NAME) {
      throw new Error(`the model already has ${METADATA_NAME}`);
    }
  }

  // Lay out the prepended region: root offset + identifier, root vtable + table, the two new
  // vectors, the new Buffer and Metadata tables, the name string, then the metadata bytes.
  const rootVtable = 8;
  const rootVtableSize = 4 + 2 * MODEL_FIELD_COUNT;
  const rootTable = align(rootVtable + rootVtableSize, 4);
  const rootTableSize = 4 + 4 * MODEL_FIELD_COUNT;
  const buffersVector = rootTable + rootTableSize;
  const metadataVector = buffersVector + 4 + 4 * (bufferCount + 1);
  const bufferVtable = metadataVector + 4 + 4 * (metadataCount + 1);
  const bufferTable = align(bufferVtable + 6, 4);
  const metaVtable = bufferTable + 8;
  const metaTable = metaVtable + 8;
  const nameString = metaTable + 12;
  const nameBytes = new TextEncoder().encode(METADATA_NAME);
  // Buffer.data is force_align 16: the bytes after the u32 length start on a 16-byte boundary.
  const dataVector = align(nameString + 4 + nameBytes.length + 1 + 4, 16) - 4;
  const prefixSize = align(dataVector + 4 + metadata.length, 16);

  const w = new PositionedWriter(new Uint8Array(prefixSize + model.length));
  w.bytes().set(model, prefixSize);
  const inOld = (absolute: number): number => prefixSize + absolute;

  w.offset(0, rootTable);
  w.bytes().set(new TextEncoder().encode(TFLITE_IDENTIFIER), 4);

  // Root table: every field gets a slot; absent old fields stay 0 (absent) in the vtable.
  w.writeUint16(rootVtable, rootVtableSize);
  w.writeUint16(rootVtable + 2, rootTableSize);
  w.writeInt32(rootTable, rootTable - rootVtable);
  for (let id = 0; id < MODEL_FIELD_COUNT; id++) {
    const slot = rootTable + 4 + 4 * id;
    let present = true;
    if (id === MODEL.buffers) w.offset(slot, buffersVector);
    else if (id === MODEL.metadata) w.offset(slot, metadataVector);
    else if (id === MODEL.version) {
      const at = old.field(oldRoot, id);
      w.writeUint32(slot, at ? old.readUint32(at) : 0);
    } else {
      const target = old.ref(oldRoot, id);
      if (target) w.offset(slot, inOld(target));
      else present = false;
    }
    w.writeUint16(rootVtable + 4 + 2 * id, present ? slot - rootTable : 0);
  }

  // buffers: the old Buffer tables, in order, then ours.
  w.writeUint32(buffersVector, bufferCount + 1);
  for (let i = 0; i < bufferCount; i++) {
    w.offset(buffersVector + 4 + 4 * i, inOld(old.vectorTable(oldBuffers, i)));
  }
  w.offset(buffersVector + 4 + 4 * bufferCount, bufferTable);

  // metadata: the old entries, then TFLITE_METADATA -> buffer index `bufferCount`.
  w.writeUint32(metadataVector, metadataCount + 1);
  for (let i = 0; i < metadataCount; i++) {
    w.offset(metadataVector + 4 + 4 * i, inOld(old.vectorTable(oldMetadata, i)));
  }
  w.offset(metadataVector + 4 + 4 * metadataCount, metaTable);

  // Buffer { data: [ubyte] }
  w.writeUint16(bufferVtable, 6);
  w.writeUint16(bufferVtable + 2, 8);
  w.writeUint16(bufferVtable + 4, 4);
  w.writeInt32(bufferTable, bufferTable - bufferVtable);
  w.offset(bufferTable + 4, dataVector);

  // Metadata { name: string, buffer: uint }
  w.writeUint16(metaVtable, 8);
  w.writeUint16(metaVtable + 2, 12);
  w.writeUint16(metaVtable + 4, 4);
  w.writeUint16(metaVtable + 6, 8);
  w.writeInt32(metaTable, metaTable - metaVtable);
  w.offset(metaTable + 4, nameString);
  w.writeUint32(metaTable + 8, bufferCount);

  w.writeUint32(nameString, nameBytes.length);
  w.bytes().set(nameBytes, nameString + 4); // the NUL terminator is already 0

  w.writeUint32(dataVector, metadata.length);
  w.bytes().set(metadata, dataVector + 4);
  return w.bytes();
}

/** Reads back the `TFLITE_METADATA` blob of a model, or undefined when there is none. */
export function readModelMetadata(model: Uint8Array): Uint8Array | undefined {
  const m = new TableReader(model);
  const root = m.root();
  const entries = m.ref(root, MODEL.metadata);
  const buffers = m.ref(root, MODEL.buffers);
  if (!entries || !buffers) return undefined;
  for (let i = 0; i < m.readUint32(entries); i++) {
    const entry = m.vectorTable(entries, i);
    if (m.string(entry, 0) !== METADATA_NAME) continue;
    const bufferAt = m.field(entry, 1);
    const index = bufferAt ? m.readUint32(bufferAt) : 0;
    const data = m.ref(m.vectorTable(buffers, index), 0);
    return data ? m.byteVector(data) : new Uint8Array();
  }
  return undefined;
}

/** Reads the input normalisation back out of a metadata blob (for tests and the build's self-check). */
export function readInputNormalization(metadata: Uint8Array): { mean: number[]; std: number[] } {
  const m = new TableReader(metadata);
  if (!m.__has_identifier(METADATA_IDENTIFIER)) throw new Error('metadata is not M001');
  const subgraph = m.vectorTable(m.ref(m.root(), 3), 0);
  const tensor = m.vectorTable(m.ref(subgraph, 2), 0);
  const unit = m.vectorTable(m.ref(tensor, 4), 0);
  const typeAt = m.field(unit, 0);
  if (!typeAt || m.readUint8(typeAt) !== NORMALIZATION_OPTIONS)
    throw new Error('no NormalizationOptions');
  const options = m.ref(unit, 1);
  const floats = (vector: number): number[] =>
    Array.from({ length: m.readUint32(vector) }, (_, i) => m.readFloat32(vector + 4 + 4 * i));
  return { mean: floats(m.ref(options, 0)), std: floats(m.ref(options, 1)) };
}

/** Model summary used to check that a derivation kept everything (tests, build self-check). */
export function describeModel(model: Uint8Array): {
  version: number;
  operatorCodes: number;
  subgraphs: number;
  buffers: Uint8Array[];
} {
  const m = new TableReader(model);
  const root = m.root();
  const versionAt = m.field(root, MODEL.version);
  const count = (id: number): number => {
    const v = m.ref(root, id);
    return v ? m.readUint32(v) : 0;
  };
  const buffers = m.ref(root, MODEL.buffers);
  return {
    version: versionAt ? m.readUint32(versionAt) : 0,
    operatorCodes: count(MODEL.operatorCodes),
    subgraphs: count(MODEL.subgraphs),
    buffers: Array.from({ length: count(MODEL.buffers) }, (_, i) => {
      const data = m.ref(m.vectorTable(buffers, i), 0);
      return data ? m.byteVector(data) : new Uint8Array();
    }),
  };
}
