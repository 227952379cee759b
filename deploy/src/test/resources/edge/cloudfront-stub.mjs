// Stands in for the 'cloudfront' module of CloudFront Functions when TenantEdgeFunctionTest runs the edge function
// under Node.js: one key value store whose content comes from EDGE_TEST_KVS (a JSON object). Like CloudFront's,
// get() rejects a key the store does not hold.
const values = JSON.parse(process.env.EDGE_TEST_KVS ?? '{}');

export default {
  kvs() {
    return {
      async get(key) {
        if (!Object.prototype.hasOwnProperty.call(values, key)) {
          throw new Error('Key not found: ' + key);
        }
        return values[key];
      },
    };
  },
};
