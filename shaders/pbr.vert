#version 460
// Instanced vertex stage: each instance's model matrix comes from the frame's storage buffer, so
// hundreds of copies of a product are one draw. Multiview picks the eye's matrix.
#extension GL_EXT_multiview : require
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inTangent;
layout(location = 3) in vec2 inUv0;
layout(location = 4) in vec2 inUv1;
layout(location = 5) in vec4 inColor;

layout(location = 0) out vec3 outWorldPos;
layout(location = 1) out vec3 outNormal;
layout(location = 2) out vec4 outTangent;
layout(location = 3) out vec4 outUvA;  // base colour, metallic-roughness
layout(location = 4) out vec4 outUvB;  // normal, occlusion
layout(location = 5) out vec4 outColor;
layout(location = 6) flat out uint outMaterial;
layout(location = 7) out vec2 outUvC;  // emissive

// The material's UV set and KHR_texture_transform for texture `slot`, applied per vertex: the
// fragment stage then only sees smooth UVs, so texture LOD never depends on per-pixel loads.
vec2 uvFor(uint m, int slot, int set) {
  vec2 uv = set == 1 ? inUv1 : inUv0;
  vec4 r0 = materialTable.materials[m].uvTransform[slot * 2];
  vec4 r1 = materialTable.materials[m].uvTransform[slot * 2 + 1];
  return vec2(dot(r0.xyz, vec3(uv, 1.0)), dot(r1.xyz, vec3(uv, 1.0)));
}

void main() {
  mat4 model = instances.records[gl_InstanceIndex].model;
  outMaterial = instances.records[gl_InstanceIndex].info.x;
  vec4 world = model * vec4(inPosition, 1.0);
  // Inverse-transpose keeps normals right under non-uniform scale.
  mat3 normalMatrix = mat3(instances.records[gl_InstanceIndex].normal);
  outWorldPos = world.xyz;
  outNormal = normalMatrix * inNormal;
  outTangent = vec4(mat3(model) * inTangent.xyz, inTangent.w);
  uint m = outMaterial;
  ivec4 a = materialTable.materials[m].texCoordA;
  outUvA = vec4(uvFor(m, 0, a.x), uvFor(m, 1, a.y));
  outUvB = vec4(uvFor(m, 2, a.z), uvFor(m, 3, a.w));
  outUvC = uvFor(m, 4, materialTable.materials[m].texCoordB.x);
  outColor = inColor;
  gl_Position = frame.viewProj[viewIndex()] * world;
}
