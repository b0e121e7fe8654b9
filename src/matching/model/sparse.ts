/** A sparse vector: parallel arrays of feature ids and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}
