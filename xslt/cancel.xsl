<?xml version="1.0" encoding="UTF-8"?>
<!-- 取消订单, asked first on a page of its own (no script): what is
     cancelled, then "cancel the order" or "keep it". -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="m:t('cancel.title')"/>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <xsl:variable name="o" select="order"/>
    <xsl:call-template name="crumbs">
      <xsl:with-param name="href1" select="'/orders'"/>
      <xsl:with-param name="text1" select="m:t('orders.title')"/>
      <xsl:with-param name="href2" select="concat('/orders/', $o/@no)"/>
      <xsl:with-param name="text2" select="$o/@no"/>
      <xsl:with-param name="here" select="m:t('cancel.title')"/>
    </xsl:call-template>
    <section class="checkout confirm-cancel">
      <h1><xsl:value-of select="m:t('cancel.question')"/></h1>
      <dl class="kv">
        <dt><xsl:value-of select="m:t('order.no')"/></dt>
        <dd><a href="/orders/{$o/@no}"><xsl:value-of select="$o/@no"/></a></dd>
        <dt><xsl:value-of select="m:t('order.product')"/></dt>
        <dd><xsl:value-of select="$o/product"/></dd>
        <dt><xsl:value-of select="m:t('order.spec')"/></dt>
        <dd><xsl:value-of select="$o/spec"/></dd>
        <dt><xsl:value-of select="m:t('order.period')"/></dt>
        <dd><xsl:call-template name="period"><xsl:with-param name="months" select="$o/@months"/></xsl:call-template></dd>
        <dt><xsl:value-of select="m:t('order.total')"/></dt>
        <dd><xsl:call-template name="money"><xsl:with-param name="v" select="$o/total"/></xsl:call-template></dd>
      </dl>
      <p><xsl:value-of select="m:t('cancel.explain')"/></p>
      <form action="/orders/{$o/@no}/cancel" method="post">
        <input type="hidden" name="csrf" value="{/page/session/@csrf}"/>
        <div class="actions">
          <button type="submit" class="danger"><xsl:value-of select="m:t('cancel.confirm')"/></button>
          <a class="button" href="/orders/{$o/@no}"><xsl:value-of select="m:t('cancel.keep')"/></a>
        </div>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
