// Runs a TF.js graph model with TensorFlow.js's pure-JavaScript CPU backend and writes its raw
// outputs, so Vigil's converted ONNX model can be compared with the original.
//
//   node reference.mjs MODEL.json OUT_DIR INPUT.bin [INPUT.bin ...]
//
// Each INPUT.bin is float32 little-endian in the signature's input shape. For input k, every
// signature output is written to OUT_DIR/k/<output name>.bin (float32 little-endian).
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const [modelPath, outDir, ...inputs] = process.argv.slice(2);
if (!modelPath || !outDir || inputs.length === 0) {
  console.error('usage: node reference.mjs MODEL.json OUT_DIR INPUT.bin [INPUT.bin ...]');
  process.exit(2);
}

await tf.setBackend('cpu');
const json = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const folder = path.dirname(modelPath);
const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
const weightBytes = Buffer.concat(json.weightsManifest.flatMap((group) => group.paths.map((p) => fs.readFileSync(path.join(folder, p)))));
const weightData = weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength);
const model = await tf.loadGraphModel({
  load: async () => ({
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    weightSpecs,
    weightData,
  }),
});

const inputInfo = Object.values(json.signature.inputs)[0];
const shape = inputInfo.tensorShape.dim.map((d) => Number(d.size));
const outputNames = Object.keys(json.signature.outputs).sort();
inputs.forEach((file, k) => {
  const bytes = fs.readFileSync(file);
  const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const input = tf.tensor(data, shape, 'float32');
  const outputs = model.execute(input, outputNames);
  const target = path.join(outDir, String(k));
  fs.mkdirSync(target, { recursive: true });
  outputs.forEach((t, i) => {
    const values = t.dataSync();
    fs.writeFileSync(path.join(target, `${outputNames[i].replace(/:0$/, '')}.bin`), Buffer.from(values.buffer, values.byteOffset, values.byteLength));
    t.dispose();
  });
  input.dispose();
});
console.log(`wrote ${inputs.length} x ${outputNames.length} outputs to ${outDir}`);
